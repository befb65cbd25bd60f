import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { RequirePermission } from '../auth/auth-decorators';
import { Permission } from '../auth/principal';
import { idParameter } from '../http/field-schemas';
import { CdrReratingsService } from './cdr-reratings.service';
import {
  CdrReratingDto,
  CdrReratingPageDto,
  ListCdrReratingsQueryDto,
  StartCdrReratingDto,
} from './dto/cdr-rerating.dto';
import { StartCdrReratingService } from './start-cdr-rerating.service';

class ReratingIdDto extends createZodDto(idParameter) {}

@ApiTags('cdrs')
@ApiBearerAuth()
@Controller('cdr-reratings')
export class CdrReratingsController {
  constructor(
    private readonly starts: StartCdrReratingService,
    private readonly reratings: CdrReratingsService,
  ) {}

  @Post()
  @HttpCode(202)
  @RequirePermission(Permission.Billing)
  @ApiOperation({
    summary:
      'Rerate a period of your CDRs (all, one account or one rate card) as a job: only the differences are posted to the ledger, as adjustments; follow it at /cdr-reratings/{id} (docs/cdrs.md)',
  })
  @ZodResponse({ status: 202, type: CdrReratingDto })
  start(@CurrentActor() actor: Actor, @Body() body: StartCdrReratingDto) {
    return this.starts.start(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'Reratings of your CDRs, newest first, with their progress' })
  @ZodResponse({ type: CdrReratingPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListCdrReratingsQueryDto) {
    return this.reratings.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One rerating: status, CDRs processed / changed / now rated, entries posted, errors',
  })
  @ZodResponse({ type: CdrReratingDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: ReratingIdDto) {
    return this.reratings.get(actor, id);
  }
}
