import { Module } from '@nestjs/common';
import { CreditPoolsModule } from '../credit-pools/credit-pools.module';
import { AccountLedgerController } from './account-ledger.controller';
import { AdjustAccountBalanceService } from './adjust-account-balance.service';
import { BillingParties } from './billing-parties';
import { LedgerController } from './ledger.controller';
import { ListLedgerEntriesService } from './list-ledger-entries.service';
import { PostLedgerEntryService } from './post-ledger-entry.service';
import { ReadBalanceService } from './read-balance.service';
import { ReadParentBalanceService } from './read-parent-balance.service';
import { RefundAccountService } from './refund-account.service';
import { ResellerLedgerController } from './reseller-ledger.controller';
import { SearchLedgerEntriesService } from './search-ledger-entries.service';
import { SumLedgerEntriesService } from './sum-ledger-entries.service';
import { TopUpAccountService } from './top-up-account.service';
import { TopUpResellerService } from './top-up-reseller.service';

@Module({
  imports: [CreditPoolsModule],
  controllers: [AccountLedgerController, ResellerLedgerController, LedgerController],
  providers: [
    BillingParties,
    PostLedgerEntryService,
    TopUpAccountService,
    AdjustAccountBalanceService,
    RefundAccountService,
    TopUpResellerService,
    ListLedgerEntriesService,
    ReadBalanceService,
    SearchLedgerEntriesService,
    ReadParentBalanceService,
    SumLedgerEntriesService,
  ],
  exports: [PostLedgerEntryService],
})
export class LedgerModule {}
