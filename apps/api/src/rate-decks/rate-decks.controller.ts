import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { z } from 'zod';
import { type Actor, CurrentActor } from '../audit/actor';
import { idParameter } from '../http/field-schemas';
import { RateCardInScopeGuard } from '../rate-cards/rate-card-in-scope.guard';
import {
  ExportRateDeckQueryDto,
  ImportRateDeckQueryDto,
  ListRateDeckImportsQueryDto,
  ListRateDeckProblemsQueryDto,
  RateDeckImportDto,
  RateDeckImportPageDto,
  RateDeckProblemPageDto,
} from './dto/rate-deck.dto';
import { ExportRateDeckService } from './export-rate-deck.service';
import { RateDeckImportsService } from './rate-deck-imports.service';
import { StartRateDeckImportService } from './start-rate-deck-import.service';

class RateCardIdDto extends createZodDto(idParameter) {}

class ImportIdDto extends createZodDto(
  idParameter.extend({ importId: z.uuid({ error: 'must be a UUID' }) }),
) {}

@ApiTags('rate-cards')
@ApiBearerAuth()
@UseGuards(RateCardInScopeGuard)
@Controller('rate-cards/:id')
export class RateDecksController {
  constructor(
    private readonly starts: StartRateDeckImportService,
    private readonly imports: RateDeckImportsService,
    private readonly exports: ExportRateDeckService,
  ) {}

  @Post('imports')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Upload a rate deck (CSV or XLSX, multipart part `file`) to import as a job; follow it at /imports/{importId} (docs/rate-decks.md)',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'the deck, .csv or .xlsx' } },
    },
  })
  @ZodResponse({ status: 202, type: RateDeckImportDto })
  async start(
    @CurrentActor() actor: Actor,
    @Param() { id }: RateCardIdDto,
    @Query() query: ImportRateDeckQueryDto,
    @Req() request: FastifyRequest,
  ) {
    return this.starts.start(actor, id, query, await this.starts.filePart(request));
  }

  @Get('imports')
  @ApiOperation({ summary: "The card's imports, newest first, with their progress" })
  @ZodResponse({ type: RateDeckImportPageDto })
  list(
    @CurrentActor() actor: Actor,
    @Param() { id }: RateCardIdDto,
    @Query() query: ListRateDeckImportsQueryDto,
  ) {
    return this.imports.list(actor, id, query);
  }

  @Get('imports/:importId')
  @ApiOperation({ summary: 'One import: status, rows read / validated / written, percent, outcome' })
  @ZodResponse({ type: RateDeckImportDto })
  get(@CurrentActor() actor: Actor, @Param() { id, importId }: ImportIdDto) {
    return this.imports.get(actor, id, importId);
  }

  @Get('imports/:importId/problems')
  @ApiOperation({ summary: 'The rows an import rejected: line, field and reason, by line' })
  @ZodResponse({ type: RateDeckProblemPageDto })
  problems(
    @CurrentActor() actor: Actor,
    @Param() { id, importId }: ImportIdDto,
    @Query() query: ListRateDeckProblemsQueryDto,
  ) {
    return this.imports.listProblems(actor, id, importId, query);
  }

  @Get('export')
  @ApiOperation({
    summary: "The card's rates as a deck file (CSV or XLSX), in the columns an import reads; streamed",
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(
    @CurrentActor() actor: Actor,
    @Param() { id }: RateCardIdDto,
    @Query() query: ExportRateDeckQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.exports.export(actor, id, query);
    await reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .send(file.stream);
  }
}
