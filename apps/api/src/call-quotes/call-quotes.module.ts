import { Module } from '@nestjs/common';
import { QuoteRateCardService } from '../rate-cards/quote-rate-card.service';
import { CallQuotesController } from './call-quotes.controller';
import { QuoteAccountCallService } from './quote-account-call.service';

/** "What will this call cost" for an account, on its service plan's sell card (end users included). */
@Module({ controllers: [CallQuotesController], providers: [QuoteAccountCallService, QuoteRateCardService] })
export class CallQuotesModule {}
