import { Injectable } from '@nestjs/common';
import { LedgerEntry } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import type { Page } from '../tenancy/pagination';
import { TenantResources } from '../tenancy/tenant-resources';
import { BillingParties, PARTY_COLUMNS, type PartyRef } from './billing-parties';
import type { ListLedgerQueryDto } from './dto/ledger-entry.dto';
import { type LedgerEntryView, toLedgerEntryView } from './ledger-entry-view';

/** One party's ledger, newest first unless asked otherwise. */
@Injectable()
export class ListLedgerEntriesService {
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

  async list(actor: Actor, ref: PartyRef, query: ListLedgerQueryDto): Promise<Page<LedgerEntryView>> {
    await this.parties.find(actor.scope, ref);
    const page = await this.entries.list(actor, query, (rows) => {
      rows.andWhere(`row.${PARTY_COLUMNS[ref.kind].property} = :partyId`, { partyId: ref.id });
      if (query.kind) rows.andWhere('row.kind = :kind', { kind: query.kind });
      if (query.from) rows.andWhere('row.createdAt >= :from', { from: query.from });
      if (query.to) rows.andWhere('row.createdAt < :to', { to: query.to });
    });
    return { ...page, data: page.data.map(toLedgerEntryView) };
  }
}
