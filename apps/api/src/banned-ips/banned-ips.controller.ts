import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import { BannedIpsService } from './banned-ips.service';
import {
  BannedIpDto,
  BannedIpPageDto,
  CreateBannedIpDto,
  ListBannedIpsQueryDto,
  UpdateBannedIpDto,
} from './dto/banned-ip.dto';

class BannedIpIdDto extends createZodDto(idParameter) {}

@ApiTags('banned-ips')
@ApiBearerAuth()
@Controller('banned-ips')
export class BannedIpsController {
  constructor(private readonly bans: BannedIpsService) {}

  @Post()
  @ApiOperation({ summary: 'Ban an address or network (409 when the tenant already bans it)' })
  @ZodResponse({ status: 201, type: BannedIpDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateBannedIpDto) {
    return this.bans.create(actor, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List bans, newest first; filter by an address they contain or a moment they are in force',
  })
  @ZodResponse({ type: BannedIpPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListBannedIpsQueryDto) {
    return this.bans.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: BannedIpDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: BannedIpIdDto) {
    return this.bans.get(actor, id);
  }

  @Patch(':id')
  @ZodResponse({ type: BannedIpDto })
  update(@CurrentActor() actor: Actor, @Param() { id }: BannedIpIdDto, @Body() body: UpdateBannedIpDto) {
    return this.bans.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Lift a ban (the audit log keeps its history)' })
  async remove(@CurrentActor() actor: Actor, @Param() { id }: BannedIpIdDto): Promise<void> {
    await this.bans.remove(actor, id);
  }
}
