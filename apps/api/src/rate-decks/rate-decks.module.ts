import { Module } from '@nestjs/common';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { ExportRateDeckService } from './export-rate-deck.service';
import { RateDeckImportQueue } from './rate-deck-import-queue';
import { RateDeckImportsService } from './rate-deck-imports.service';
import { RATE_DECK_SETTINGS, rateDeckSettings } from './rate-deck-settings';
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
export class RateDecksModule {}
