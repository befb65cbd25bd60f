import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Balance, LedgerEntry, Tenant, TenantSettings } from '@tollgate/db';
import { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { NotFoundError } from '../http/domain-errors';
import { type Page, paginate } from '../tenancy/pagination';
import { availableCredit, type BillingParty, ExactDecimal } from './billing-parties';
import type { ListLedgerQueryDto } from './dto/ledger-entry.dto';
import { type LedgerEntryView, toLedgerEntryView } from './ledger-entry-view';
import type { BalanceView } from './read-balance.service';

/**
 * A reseller's own balance with its parent, read by the reseller itself. Those rows belong to the parent's
 * tenant (the parent credits and charges them), so the scoped repositories never show them to the
 * reseller: this reads exactly the rows naming the caller's own tenant, and nothing of the parent's.
 * The operator (no parent) and end users have no such balance: 404.
 */
@Injectable()
export class ReadParentBalanceService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async balance(actor: Actor): Promise<BalanceView & { resellerId: string }> {
    const party = await this.ownParty(actor);
    const balance = await this.dataSource
      .getRepository(Balance)
      .findOneBy({ resellerTenantId: party.ref.id, tenantId: party.tenantId });
    const amount = balance?.amount ?? new ExactDecimal(0);
    return {
      resellerId: party.ref.id,
      amount,
      currency: balance?.currency ?? party.currency,
      billingType: party.billingType,
      creditLimit: party.creditLimit,
      available: availableCredit(party, amount),
      updatedAt: balance?.updatedAt ?? null,
    };
  }

  async ledger(actor: Actor, query: ListLedgerQueryDto): Promise<Page<LedgerEntryView>> {
    const party = await this.ownParty(actor);
    const rows = this.dataSource
      .getRepository(LedgerEntry)
      .createQueryBuilder('row')
      .where('row.resellerTenantId = :resellerId', { resellerId: party.ref.id })
      .andWhere('row.tenantId = :parentId', { parentId: party.tenantId });
    if (query.kind) rows.andWhere('row.kind = :kind', { kind: query.kind });
    if (query.from) rows.andWhere('row.createdAt >= :from', { from: query.from });
    if (query.to) rows.andWhere('row.createdAt < :to', { to: query.to });
    const page = await paginate(rows, query);
    return { ...page, data: page.data.map(toLedgerEntryView) };
  }

  private async ownParty(actor: Actor): Promise<BillingParty> {
    if (actor.scope.isEndUser) throw new NotFoundError('balance with a parent');
    const tenant = await this.dataSource.getRepository(Tenant).findOneBy({ id: actor.scope.tenantId });
    if (!tenant?.parentId) throw new NotFoundError('balance with a parent');
    const settings = await this.dataSource
      .getRepository(TenantSettings)
      .findOneByOrFail({ tenantId: tenant.id });
    return {
      ref: { kind: 'reseller', id: tenant.id },
      tenantId: tenant.parentId,
      currency: settings.defaultCurrency,
      billingType: settings.billingType,
      creditLimit: settings.creditLimit,
    };
  }
}
