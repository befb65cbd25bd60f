import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, Balance, BillingType, Tenant, TenantSettings } from '@tollgate/db';
import Decimal from 'decimal.js';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundError } from '../http/domain-errors';
import { ScopedRepository } from '../tenancy/scoped-repository';
import type { TenantScope } from '../tenancy/tenant-scope';

/** Balances add 20-digit amounts: arithmetic on them must not round to the default 20 significant digits. */
export const ExactDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });

export type PartyKind = 'account' | 'reseller';

/** Whose ledger: a subscriber account, or a reseller's balance with its parent. */
export interface PartyRef {
  kind: PartyKind;
  id: string;
}

export interface BillingParty {
  ref: PartyRef;
  /** Who sees the party's ledger and balance rows: the account's tenant, or the reseller's parent. */
  tenantId: string;
  currency: string;
  billingType: BillingType;
  creditLimit: Decimal;
}

/** The ledger column naming a party, as an entity property and as a table column. */
export const PARTY_COLUMNS = {
  account: { property: 'accountId', column: 'account_id' },
  reseller: { property: 'resellerTenantId', column: 'reseller_tenant_id' },
} as const;

/** What a balance may still spend: down to minus the credit limit when postpaid, down to zero when prepaid. */
export function availableCredit(party: BillingParty, amount: Decimal): Decimal {
  const balance = new ExactDecimal(amount);
  return party.billingType === BillingType.Postpaid ? balance.plus(party.creditLimit) : balance;
}

/**
 * Finds a billing party in the caller's scope: an account (end users only their own), or a reseller
 * strictly below the caller's tenant. Anything else is "not found".
 */
@Injectable()
export class BillingParties {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(scope: TenantScope, ref: PartyRef, manager = this.dataSource.manager): Promise<BillingParty> {
    return ref.kind === 'account' ? this.account(scope, ref, manager) : this.reseller(scope, ref, manager);
  }

  /** The party's balance row (scoped like its ledger), or null before its first posting. */
  balanceOf(scope: TenantScope, ref: PartyRef): Promise<Balance | null> {
    return new ScopedRepository(this.dataSource.manager, Balance, scope, {
      label: 'balance',
      endUserColumn: 'accountId',
    })
      .query()
      .andWhere(`row.${PARTY_COLUMNS[ref.kind].property} = :partyId`, { partyId: ref.id })
      .getOne();
  }

  private async account(scope: TenantScope, ref: PartyRef, manager: EntityManager): Promise<BillingParty> {
    const account = await new ScopedRepository(manager, Account, scope, {
      label: 'account',
      endUserColumn: 'id',
    }).findById(ref.id);
    return {
      ref,
      tenantId: account.tenantId,
      currency: account.currency,
      billingType: account.billingType,
      creditLimit: account.creditLimit,
    };
  }

  private async reseller(scope: TenantScope, ref: PartyRef, manager: EntityManager): Promise<BillingParty> {
    if (scope.isEndUser) throw new NotFoundError('reseller');
    const reseller = await manager
      .getRepository(Tenant)
      .createQueryBuilder('tenant')
      .where('tenant.id = :id', { id: ref.id })
      .andWhere('tenant.path LIKE :scopePath', { scopePath: `${scope.tenantPath}%` })
      .andWhere('tenant.id <> :ownTenant', { ownTenant: scope.tenantId })
      .getOne();
    if (!reseller?.parentId) throw new NotFoundError('reseller');
    const settings = await manager.getRepository(TenantSettings).findOneByOrFail({ tenantId: reseller.id });
    return {
      ref,
      tenantId: reseller.parentId,
      currency: settings.defaultCurrency,
      billingType: settings.billingType,
      creditLimit: settings.creditLimit,
    };
  }
}
