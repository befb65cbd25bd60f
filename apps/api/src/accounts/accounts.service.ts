import { Injectable } from '@nestjs/common';
import {
  Account,
  AccountStatus,
  Balance,
  BillingType,
  Line,
  ServicePlan,
  TenantSettings,
  User,
} from '@tollgate/db';
import Decimal from 'decimal.js';
import type { DeepPartial, EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { BadRequestError, ConflictError, ForbiddenError } from '../http/domain-errors';
import { registerUniqueFields } from '../http/unique-violations';
import { escapeLike } from '../tenancy/like-pattern';
import type { Page } from '../tenancy/pagination';
import { TenantResources } from '../tenancy/tenant-resources';
import { assertAccountTerms } from './account-terms';
import type {
  accountSchema,
  CreateAccountDto,
  ListAccountsQueryDto,
  UpdateAccountDto,
} from './dto/account.dto';
import { isTenantOrAbove } from '../tenancy/tenant-lineage';

registerUniqueFields({ accounts_tenant_id_code_key: 'code' });

export type AccountView = z.output<typeof accountSchema>;

/**
 * Subscriber accounts. Each is created with its balance row (read only here: it moves with ledger
 * postings). End users see their own account and change nothing.
 */
@Injectable()
export class AccountsService {
  private readonly accounts;
  private readonly balances;
  private readonly servicePlans;
  private readonly lines;
  private readonly users;

  constructor(
    private readonly resources: TenantResources,
    private readonly audit: AuditTrail,
  ) {
    this.accounts = resources.of(Account, {
      label: 'account',
      entityType: 'account',
      endUserColumn: 'id',
      deletion: 'soft',
    });
    this.balances = resources.of(Balance, {
      label: 'balance',
      entityType: 'balance',
      endUserColumn: 'accountId',
      deletion: 'hard',
    });
    this.servicePlans = resources.of(ServicePlan, {
      label: 'service plan',
      entityType: 'service-plan',
      endUserColumn: null,
      deletion: 'soft',
    });
    this.lines = resources.of(Line, {
      label: 'line',
      entityType: 'line',
      endUserColumn: 'accountId',
      deletion: 'soft',
    });
    this.users = resources.of(User, {
      label: 'user',
      entityType: 'user',
      endUserColumn: null,
      deletion: 'soft',
    });
  }

  async list(actor: Actor, query: ListAccountsQueryDto): Promise<Page<AccountView>> {
    const page = await this.accounts.list(actor, query, (rows) => {
      if (query.search)
        rows.andWhere('(row.code ILIKE :search OR row.name ILIKE :search)', {
          search: `%${escapeLike(query.search)}%`,
        });
      if (query.status) rows.andWhere('row.status = :status', { status: query.status });
      if (query.billingType)
        rows.andWhere('row.billingType = :billingType', { billingType: query.billingType });
      if (query.tenantId) rows.andWhere('row.tenantId = :tenantId', { tenantId: query.tenantId });
      if (query.servicePlanId)
        rows.andWhere('row.servicePlanId = :servicePlanId', { servicePlanId: query.servicePlanId });
      if (query.ids) rows.andWhere('row.id = ANY(:ids)', { ids: query.ids });
    });
    const balances = await this.balancesOf(actor, page.data);
    return { ...page, data: page.data.map((account) => toView(account, balances.get(account.id))) };
  }

  async get(actor: Actor, id: string): Promise<AccountView> {
    const account = await this.accounts.get(actor, id);
    return toView(account, (await this.balancesOf(actor, [account])).get(id));
  }

  async create(actor: Actor, input: CreateAccountDto): Promise<AccountView> {
    assertStaff(actor);
    const terms = {
      billingType: input.billingType,
      creditLimit: input.creditLimit ?? new Decimal(0),
      maxChannels: input.maxChannels ?? null,
      maxInboundChannels: input.maxInboundChannels ?? null,
      maxOutboundChannels: input.maxOutboundChannels ?? null,
    };
    assertAccountTerms(terms);
    return this.resources.transaction(async (manager) => {
      const accounts = this.accounts.repository(actor, manager);
      const tenantId = input.tenantId ?? actor.scope.tenantId;
      await accounts.assertTenantInScope(tenantId);
      const defaults = await manager.getRepository(TenantSettings).findOneBy({ tenantId });
      const values = {
        ...terms,
        tenantId,
        code: input.code,
        name: input.name,
        email: input.email ?? null,
        currency: input.currency ?? defaults?.defaultCurrency ?? 'USD',
        timezone: input.timezone ?? defaults?.defaultTimezone ?? 'UTC',
        status: input.status,
        servicePlanId: input.servicePlanId ?? null,
      };
      if (values.servicePlanId) await this.assertServicePlan(actor, manager, values.servicePlanId, values);
      const account = await accounts.insert(values);
      const balance = await this.balances.repository(actor, manager).insert({
        tenantId,
        accountId: account.id,
        amount: new Decimal(0),
        currency: account.currency,
      });
      const view = toView(account, balance.amount);
      await this.audit.record(manager, actor, {
        action: 'account.create',
        entityType: 'account',
        entityId: account.id,
        tenantId,
        after: view,
      });
      return view;
    });
  }

  async update(actor: Actor, id: string, input: UpdateAccountDto): Promise<AccountView> {
    assertStaff(actor);
    return this.resources.transaction(async (manager) => {
      const accounts = this.accounts.repository(actor, manager);
      const current = await accounts.findById(id);
      const { currency, ...changes } = input;
      if (currency !== undefined && currency !== current.currency)
        throw new BadRequestError(
          `the currency cannot change: the balance and the ledger are kept in ${current.currency}`,
          'currency',
        );
      const patch: DeepPartial<Account> = { ...changes };
      // Turning an account prepaid drops its credit limit unless the request sets one (and is refused).
      if (changes.billingType === BillingType.Prepaid && changes.creditLimit === undefined)
        patch.creditLimit = new Decimal(0);
      assertAccountTerms({ ...current, ...patch } as Account);
      if (changes.servicePlanId && changes.servicePlanId !== current.servicePlanId)
        await this.assertServicePlan(actor, manager, changes.servicePlanId, current);
      const { before, after } = await accounts.update(id, patch);
      const balance = (await this.balancesOf(actor, [after], manager)).get(id);
      await this.audit.record(manager, actor, {
        action: 'account.update',
        entityType: 'account',
        entityId: id,
        tenantId: after.tenantId,
        before: toView(before, balance),
        after: toView(after, balance),
      });
      return toView(after, balance);
    });
  }

  /** Soft delete, refused while lines or portal logins still hang on the account (closing is the usual way). */
  async remove(actor: Actor, id: string): Promise<void> {
    assertStaff(actor);
    await this.accounts.remove(actor, id, async (manager) => {
      // Locked so no line or login can be added to the account between the count and the delete.
      await this.accounts
        .repository(actor, manager)
        .query()
        .andWhere('row.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      const lines = await this.lines
        .repository(actor, manager)
        .query()
        .andWhere('row.accountId = :id', { id })
        .getCount();
      const logins = await this.users
        .repository(actor, manager)
        .query()
        .andWhere('row.accountId = :id', { id })
        .getCount();
      if (lines > 0 || logins > 0)
        throw new ConflictError(
          `the account still has ${lines} line(s) and ${logins} portal login(s): delete them first, or close the account (status "${AccountStatus.Closed}") instead`,
        );
    });
  }

  private async balancesOf(
    actor: Actor,
    accounts: Account[],
    manager?: EntityManager,
  ): Promise<Map<string, Decimal>> {
    if (accounts.length === 0) return new Map();
    const rows = await this.balances
      .repository(actor, manager)
      .query()
      .andWhere('row.accountId IN (:...ids)', { ids: accounts.map((account) => account.id) })
      .getMany();
    return new Map(rows.map((row) => [row.accountId!, row.amount]));
  }

  /** The plan must be visible to the caller, offered by the account's tenant or one above it, active, and in the account's currency. */
  private async assertServicePlan(
    actor: Actor,
    manager: EntityManager,
    servicePlanId: string,
    account: { tenantId: string; currency: string },
  ): Promise<void> {
    const plan = await this.servicePlans.repository(actor, manager).findById(servicePlanId);
    if (!(await isTenantOrAbove(manager, plan.tenantId, account.tenantId)))
      throw new BadRequestError(
        "the service plan must belong to the account's tenant or a tenant above it",
        'servicePlanId',
      );
    if (!plan.active)
      throw new BadRequestError('the service plan is inactive: it cannot be chosen', 'servicePlanId');
    if (plan.currency !== account.currency)
      throw new BadRequestError(
        `the service plan bills in ${plan.currency}, the account in ${account.currency}`,
        'servicePlanId',
      );
  }
}

function toView(account: Account, balance: Decimal | undefined): AccountView {
  return {
    id: account.id,
    tenantId: account.tenantId,
    code: account.code,
    name: account.name,
    email: account.email,
    billingType: account.billingType,
    creditLimit: account.creditLimit,
    currency: account.currency,
    timezone: account.timezone,
    status: account.status,
    maxChannels: account.maxChannels,
    maxInboundChannels: account.maxInboundChannels,
    maxOutboundChannels: account.maxOutboundChannels,
    servicePlanId: account.servicePlanId,
    // No row only for accounts made outside the API before any posting: nothing posted is zero.
    balance: balance ?? new Decimal(0),
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
  };
}

function assertStaff(actor: Actor): void {
  if (actor.scope.isEndUser) throw new ForbiddenError('end users can read their account but not change it');
}
