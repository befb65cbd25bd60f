import { Module } from '@nestjs/common';
import { CallQuotesController } from './call-quotes.controller';
import { QuoteAccountCallService } from './quote-account-call.service';

/**
 * "What will this call cost" for an account, at every reseller level, priced as cdr-worker prices the
 * CDR (end users included, who see their own price only).
 */
@Module({ controllers: [CallQuotesController], providers: [QuoteAccountCallService] })
export class CallQuotesModule {}
