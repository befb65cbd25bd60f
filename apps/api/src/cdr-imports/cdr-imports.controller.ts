import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { RequirePermission } from '../auth/auth-decorators';
import { Permission } from '../auth/principal';
import { idParameter } from '../http/field-schemas';
import { CdrImportsService } from './cdr-imports.service';
import {
  CdrImportDto,
  CdrImportPageDto,
  CdrImportProblemPageDto,
  ImportCdrsQueryDto,
  ListCdrImportProblemsQueryDto,
  ListCdrImportsQueryDto,
} from './dto/cdr-import.dto';
import { StartCdrImportService } from './start-cdr-import.service';

class CdrImportIdDto extends createZodDto(idParameter) {}

@ApiTags('cdrs')
@ApiBearerAuth()
@Controller('cdr-imports')
export class CdrImportsController {
  constructor(
    private readonly starts: StartCdrImportService,
    private readonly imports: CdrImportsService,
  ) {}

  @Post()
  @HttpCode(202)
  @RequirePermission(Permission.Billing)
  @ApiOperation({
    summary:
      "Upload a switch's CDR file (Kamailio acc CSV or a generic CSV with a column mapping, multipart part `file`) to import as a job, all or nothing; follow it at /cdr-imports/{id} (docs/cdrs.md)",
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'the CDR file, CSV' } },
    },
  })
  @ZodResponse({ status: 202, type: CdrImportDto })
  async start(
    @CurrentActor() actor: Actor,
    @Query() query: ImportCdrsQueryDto,
    @Req() request: FastifyRequest,
  ) {
    return this.starts.start(actor, query, await this.starts.filePart(request));
  }

  @Get()
  @ApiOperation({ summary: 'CDR imports, newest first, with their progress' })
  @ZodResponse({ type: CdrImportPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListCdrImportsQueryDto) {
    return this.imports.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One CDR import: status, rows read / skipped / validated / queued / rejected, percent',
  })
  @ZodResponse({ type: CdrImportDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: CdrImportIdDto) {
    return this.imports.get(actor, id);
  }

  @Get(':id/problems')
  @ApiOperation({ summary: 'The rows a CDR import rejected: line, field and reason, by line' })
  @ZodResponse({ type: CdrImportProblemPageDto })
  problems(
    @CurrentActor() actor: Actor,
    @Param() { id }: CdrImportIdDto,
    @Query() query: ListCdrImportProblemsQueryDto,
  ) {
    return this.imports.listProblems(actor, id, query);
  }
}
