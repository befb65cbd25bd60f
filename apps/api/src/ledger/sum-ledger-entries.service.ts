import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LedgerEntry, type LedgerEntryKind } from '@tollgate/db';
import type Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { BillingParties, ExactDecimal } from './billing-parties';
import type { LedgerTotalsQueryDto } from './dto/ledger-entry.dto';

export interface LedgerTotals {
  accountId: string;
  currency: string;
  from: Date | null;
  to: Date | null;
  totals: Array<{ kind: LedgerEntryKind; amount: Decimal; entries: number }>;
}

/**
 * What an account spent and received over a period, by kind: summed by PostgreSQL on `numeric`, so the
 * totals are exact whatever the number of entries (the portal shows an end user's recent spend).
 */
@Injectable()
export class SumLedgerEntriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly parties: BillingParties,
  ) {}

  async totals(actor: Actor, accountId: string, query: LedgerTotalsQueryDto): Promise<LedgerTotals> {
    const party = await this.parties.find(actor.scope, { kind: 'account', id: accountId });
    const rows = this.dataSource
      .getRepository(LedgerEntry)
      .createQueryBuilder('row')
      .select('row.kind', 'kind')
      .addSelect('sum(row.amount)::text', 'amount')
      .addSelect('count(*)::int', 'entries')
      .where('row.accountId = :accountId', { accountId })
      .groupBy('row.kind')
      .orderBy('row.kind');
    if (query.from) rows.andWhere('row.createdAt >= :from', { from: query.from });
    if (query.to) rows.andWhere('row.createdAt < :to', { to: query.to });
    const sums = await rows.getRawMany<{ kind: LedgerEntryKind; amount: string; entries: number }>();
    return {
      accountId,
      currency: party.currency,
      from: query.from ?? null,
      to: query.to ?? null,
      totals: sums.map((sum) => ({
        kind: sum.kind,
        amount: new ExactDecimal(sum.amount),
        entries: sum.entries,
      })),
    };
  }
}
