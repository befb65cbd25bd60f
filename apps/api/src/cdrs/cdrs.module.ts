import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { CdrQueueModule } from './cdr-queue.module';
import { CdrExportsController, CdrsController, NDJSON_TYPES } from './cdrs.controller';
import { ExportCdrsService } from './export-cdrs.service';
import { GetCdrService } from './get-cdr.service';
import { IngestCdrsService } from './ingest-cdrs.service';
import { ListCdrsService } from './list-cdrs.service';
import { ListDeadLettersService } from './list-dead-letters.service';

@Module({
  imports: [CdrQueueModule],
  controllers: [CdrsController, CdrExportsController],
  providers: [ListCdrsService, GetCdrService, ExportCdrsService, ListDeadLettersService, IngestCdrsService],
})
export class CdrsModule implements OnModuleInit {
  constructor(private readonly http: HttpAdapterHost) {}

  /** JSON lines arrive as text: the ingest parses and reports them line by line. */
  onModuleInit(): void {
    const fastify = this.http.httpAdapter.getInstance<FastifyInstance>();
    if (fastify.hasContentTypeParser(NDJSON_TYPES[0]!)) return;
    fastify.addContentTypeParser(
      NDJSON_TYPES,
      { parseAs: 'string', bodyLimit: 16 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
  }
}
