import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { RequirePermission } from '../auth/auth-decorators';
import { Permission } from '../auth/principal';
import { BadRequestError } from '../http/domain-errors';
import { idParameter } from '../http/field-schemas';
import {
  CdrDetailDto,
  IngestResultDto,
  CdrPageDto,
  DeadLetterListDto,
  ExportCdrsQueryDto,
  ListCdrsQueryDto,
} from './dto/cdr.dto';
import { ExportCdrsService } from './export-cdrs.service';
import { GetCdrService } from './get-cdr.service';
import { IngestCdrsService, MAX_INGEST_LINES } from './ingest-cdrs.service';
import { ListCdrsService } from './list-cdrs.service';
import { ListDeadLettersService } from './list-dead-letters.service';

class CdrIdDto extends createZodDto(idParameter) {}

/** Content types the ingest takes as JSON lines (parsed as text by CdrsModule). */
export const NDJSON_TYPES = ['application/x-ndjson', 'application/jsonl'];

@ApiTags('cdrs')
@ApiBearerAuth()
@Controller('cdrs')
export class CdrsController {
  constructor(
    private readonly lists: ListCdrsService,
    private readonly cdrs: GetCdrService,
    private readonly ingests: IngestCdrsService,
  ) {}

  @Post('ingest')
  @HttpCode(202)
  @RequirePermission(Permission.Billing)
  @ApiOperation({
    summary: `Queue up to ${MAX_INGEST_LINES} CDRs, one JSON object per line (application/x-ndjson), all or nothing: 400 names lines.<n>.<field> for every bad line. Each Call-ID + leg is stored and charged once, whoever sends it and however often`,
  })
  @ApiConsumes(...NDJSON_TYPES)
  @ApiBody({
    schema: {
      type: 'string',
      example: '{"callId":"a84b4c76e66710@pbx","accountId":"…","direction":"outbound",…}',
    },
  })
  @ZodResponse({ status: 202, type: IngestResultDto })
  ingest(@CurrentActor() actor: Actor, @Body() body: unknown) {
    if (typeof body !== 'string')
      throw new BadRequestError('send JSON lines as application/x-ndjson', '(body)');
    return this.ingests.ingest(actor, body);
  }

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
