import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import {
  CreateLineDto,
  LineDto,
  LinePageDto,
  LineWithPasswordDto,
  ListLinesQueryDto,
  ResetLinePasswordDto,
  UpdateLineDto,
} from './dto/line.dto';
import { LinesService } from './lines.service';

class LineIdDto extends createZodDto(idParameter) {}

@ApiTags('lines')
@ApiBearerAuth()
@Controller('lines')
export class LinesController {
  constructor(private readonly lines: LinesService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a SIP line; the answer holds its password (given or generated), never shown again',
  })
  @ZodResponse({ status: 201, type: LineWithPasswordDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateLineDto) {
    return this.lines.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: "List the lines of the caller's subtree (an end user: its account's lines)" })
  @ZodResponse({ type: LinePageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListLinesQueryDto) {
    return this.lines.list(actor, query);
  }

  @Get(':id')
  @ZodResponse({ type: LineDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: LineIdDto) {
    return this.lines.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a line; a new username or domain must come with a new password' })
  @ZodResponse({ type: LineDto })
  update(@CurrentActor() actor: Actor, @Param() { id }: LineIdDto, @Body() body: UpdateLineDto) {
    return this.lines.update(actor, id, body);
  }

  @Post(':id/password')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Set a new SIP password (given, or generated when omitted); the answer is the only time it is shown',
  })
  @ZodResponse({ type: LineWithPasswordDto })
  resetPassword(
    @CurrentActor() actor: Actor,
    @Param() { id }: LineIdDto,
    @Body() body: ResetLinePasswordDto,
  ) {
    return this.lines.resetPassword(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param() { id }: LineIdDto): Promise<void> {
    await this.lines.remove(actor, id);
  }
}
