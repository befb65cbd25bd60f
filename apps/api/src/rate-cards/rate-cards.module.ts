import { Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { HolidaysController } from './holidays.controller';
import { HolidaysService } from './holidays.service';
import { raiseRateImportBodyLimit } from './import-body-limit';
import { ImportRatesService } from './import-rates.service';
import { QuoteRateCardService } from './quote-rate-card.service';
import { RateCardInScopeGuard } from './rate-card-in-scope.guard';
import { RateCardsController } from './rate-cards.controller';
import { RateCardsService } from './rate-cards.service';
import { RatePeriodsController } from './rate-periods.controller';
import { RatePeriodsService } from './rate-periods.service';
import { RateRowChecks } from './rate-row-checks';
import { RatesController } from './rates.controller';
import { RatesService } from './rates.service';

/** Rate cards with their rates, periods and quotes, and the tenants' holiday calendars. */
@Module({
  controllers: [RateCardsController, RatesController, RatePeriodsController, HolidaysController],
  providers: [
    RateCardsService,
    RatesService,
    ImportRatesService,
    RateRowChecks,
    RatePeriodsService,
    HolidaysService,
    QuoteRateCardService,
    RateCardInScopeGuard,
  ],
})
export class RateCardsModule {
  // Modules are built before app.init() registers the routes, so the hook sees the bulk route.
  constructor(adapterHost: HttpAdapterHost) {
    raiseRateImportBodyLimit(adapterHost.httpAdapter.getInstance<FastifyInstance>());
  }
}
