import multipart from '@fastify/multipart';
import { Inject, Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { ExportRateDeckService } from './export-rate-deck.service';
import { RateDeckImportQueue } from './rate-deck-import-queue';
import { RateDeckImportsService } from './rate-deck-imports.service';
import { RATE_DECK_SETTINGS, type RateDeckSettings, rateDeckSettings } from './rate-deck-settings';
import { RateDecksController } from './rate-decks.controller';
import { RunRateDeckImportJob } from './run-rate-deck-import.job';
import { StartRateDeckImportService } from './start-rate-deck-import.service';

/** Rate decks in and out of rate cards: CSV/XLSX imports run as BullMQ jobs, and streamed exports. */
@Module({
  controllers: [RateDecksController],
  providers: [
    StartRateDeckImportService,
    RateDeckImportsService,
    RunRateDeckImportJob,
    RateDeckImportQueue,
    ExportRateDeckService,
    {
      provide: RATE_DECK_SETTINGS,
      inject: [API_ENVIRONMENT],
      useFactory: (env: ApiEnvironment) => rateDeckSettings(env),
    },
  ],
})
export class RateDecksModule {
  // Registered before app.init() adds the routes. Only requests of type multipart/form-data are
  // parsed by it, and only the import route reads them.
  constructor(adapterHost: HttpAdapterHost, @Inject(RATE_DECK_SETTINGS) settings: RateDeckSettings) {
    void adapterHost.httpAdapter.getInstance<FastifyInstance>().register(multipart, {
      // Options travel in the query; form fields are allowed and ignored.
      limits: { fileSize: settings.maxUploadBytes, files: 1, fields: 20, parts: 21 },
    });
  }
}
