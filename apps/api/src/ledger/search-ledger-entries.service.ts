import { Injectable } from '@nestjs/common';
import { LedgerEntry } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import type { Page } from '../tenancy/pagination';
import { TenantResources } from '../tenancy/tenant-resources';
import { BillingParties } from './billing-parties';
import type { SearchLedgerQueryDto } from './dto/ledger-entry.dto';
import { type LedgerEntryView, toLedgerEntryView } from './ledger-entry-view';

/**
 * Every ledger entry the caller may see, newest first: its accounts' and those of the resellers below
 * it, and the balances of those resellers with their parents. A party named in the filter must be in
 * scope (404 otherwise, as on its own ledger).
 */
@Injectable()
export class SearchLedgerEntriesService {
  private readonly entries;

  constructor(
    resources: TenantResources,
    private readonly parties: BillingParties,
  ) {
    this.entries = resources.of(LedgerEntry, {
      label: 'ledger entry',
      entityType: 'ledger-entry',
      endUserColumn: 'accountId',
      deletion: 'hard',
    });
  }

  async search(actor: Actor, query: SearchLedgerQueryDto): Promise<Page<LedgerEntryView>> {
    if (query.accountId) await this.parties.find(actor.scope, { kind: 'account', id: query.accountId });
    if (query.resellerId) await this.parties.find(actor.scope, { kind: 'reseller', id: query.resellerId });
    const page = await this.entries.list(actor, query, (rows) => {
      if (query.accountId) rows.andWhere('row.accountId = :accountId', { accountId: query.accountId });
      if (query.resellerId)
        rows.andWhere('row.resellerTenantId = :resellerId', { resellerId: query.resellerId });
      if (query.kind) rows.andWhere('row.kind = :kind', { kind: query.kind });
      if (query.from) rows.andWhere('row.createdAt >= :from', { from: query.from });
      if (query.to) rows.andWhere('row.createdAt < :to', { to: query.to });
    });
    return { ...page, data: page.data.map(toLedgerEntryView) };
  }
}
