import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { PostRecurringFeesJob } from './post-recurring-fees.job';

/** The service plans' recurring fees, posted to the accounts' ledgers by a scheduled job. */
@Module({ imports: [LedgerModule], providers: [PostRecurringFeesJob] })
export class RecurringFeesModule {}
