import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import {
  CdrDetailDto,
  CdrPageDto,
  DeadLetterListDto,
  ExportCdrsQueryDto,
  ListCdrsQueryDto,
} from './dto/cdr.dto';
import { ExportCdrsService } from './export-cdrs.service';
import { GetCdrService } from './get-cdr.service';
import { ListCdrsService } from './list-cdrs.service';
import { ListDeadLettersService } from './list-dead-letters.service';

class CdrIdDto extends createZodDto(idParameter) {}

@ApiTags('cdrs')
@ApiBearerAuth()
@Controller('cdrs')
export class CdrsController {
  constructor(
    private readonly lists: ListCdrsService,
    private readonly cdrs: GetCdrService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Search CDRs: time range, account, line, number, vendor, disposition, direction' })
  @ZodResponse({ type: CdrPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListCdrsQueryDto) {
    return this.lists.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One CDR with its cost at every level you may see' })
  @ZodResponse({ type: CdrDetailDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: CdrIdDto) {
    return this.cdrs.get(actor, id);
  }
}

/**
 * Beside /cdrs, not under it: the CSV export and the failed jobs are not CDR objects (their own first
 * path segment keeps them out of the generic list checks).
 */
@ApiTags('cdrs')
@ApiBearerAuth()
@Controller()
export class CdrExportsController {
  constructor(
    private readonly exports: ExportCdrsService,
    private readonly deadLetters: ListDeadLettersService,
  ) {}

  @Get('cdrs.csv')
  @ApiOperation({ summary: 'The CDRs of a search as CSV (oldest first), streamed' })
  @ApiProduces('text/csv')
  async export(
    @CurrentActor() actor: Actor,
    @Query() query: ExportCdrsQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const csv = await this.exports.export(actor, query);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="cdrs.csv"')
      .send(csv);
  }

  @Get('cdr-dead-letters')
  @ApiOperation({ summary: 'CDR jobs that failed for good, with the reason (newest 500 at most)' })
  @ZodResponse({ type: DeadLetterListDto })
  deadLettersList(@CurrentActor() actor: Actor) {
    return this.deadLetters.list(actor);
  }
}
