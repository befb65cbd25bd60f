import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Did, DidStatus } from '@tollgate/db';
import Decimal from 'decimal.js';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { AuditTrail, changedFields } from '../audit/audit-trail';
import { BadRequestError, ConflictError, NotFoundError } from '../http/domain-errors';
import { registerUniqueFields } from '../http/unique-violations';
import { type Page, paginate } from '../tenancy/pagination';
import { TenantResources } from '../tenancy/tenant-resources';
import { recordDidSteps } from './did-history';
import { assertStaff, DidTransitions } from './did-transitions';
import { vendorProblem, vendorsInScope } from './did-vendors';
import { type DidView, toDidView } from './did-view';
import type { CreateDidDto, ListDidsQueryDto, UpdateDidDto } from './dto/did.dto';
import { ScopedDids } from './scoped-dids';

registerUniqueFields({ dids_number_key: 'number' });

/** Statuses in which no account holds the number: the only ones it may be deleted in. */
const UNHELD = new Set([DidStatus.Available, DidStatus.Quarantined]);

/** The inventory itself: one number at a time. Lifecycle moves have their own services. */
@Injectable()
export class DidsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: TenantResources,
    private readonly transitions: DidTransitions,
    private readonly audit: AuditTrail,
  ) {}

  async list(actor: Actor, query: ListDidsQueryDto): Promise<Page<DidView>> {
    const rows = new ScopedDids(this.dataSource.manager, actor.scope).query();
    if (query.country) rows.andWhere('row.country = :country', { country: query.country });
    if (query.numberPrefix) rows.andWhere('row.number LIKE :prefix', { prefix: `${query.numberPrefix}%` });
    if (query.status) rows.andWhere('row.status = :status', { status: query.status });
    if (query.accountId) rows.andWhere('row.accountId = :accountId', { accountId: query.accountId });
    if (query.vendorId) rows.andWhere('row.vendorId = :vendorId', { vendorId: query.vendorId });
    if (query.tenantId) rows.andWhere('row.tenantId = :tenantId', { tenantId: query.tenantId });
    const page = await paginate(rows, query);
    return { ...page, data: page.data.map((did) => toDidView(did, actor.scope)) };
  }

  async get(actor: Actor, id: string): Promise<DidView> {
    return toDidView(await new ScopedDids(this.dataSource.manager, actor.scope).find(id), actor.scope);
  }

  async create(actor: Actor, input: CreateDidDto): Promise<DidView> {
    assertStaff(actor);
    const tenantId = input.tenantId ?? actor.scope.tenantId;
    const did = await this.resources.transaction(async (manager) => {
      await new ScopedDids(manager, actor.scope).assertTenantInScope(tenantId);
      if (input.vendorId) await this.assertVendor(actor, manager, input.vendorId, tenantId, input.currency);
      if (await numberInUse(manager, input.number))
        throw new ConflictError('the number is already in the inventory', 'number');
      const repository = manager.getRepository(Did);
      const row = await repository.save(
        repository.create({
          tenantId,
          number: input.number,
          country: input.country,
          currency: input.currency,
          vendorId: input.vendorId ?? null,
          ...feesOrZero(input),
          status: DidStatus.Available,
        }),
      );
      await recordDidSteps(manager, actor, [
        {
          did: row,
          step: { event: 'added', fromStatus: null, toStatus: DidStatus.Available, accountId: null },
        },
      ]);
      await this.audit.record(manager, actor, {
        action: 'did.create',
        entityType: 'did',
        entityId: row.id,
        tenantId,
        after: row,
      });
      return row;
    });
    return toDidView(did, actor.scope);
  }

  /** Prices, vendor and country; the currency too while no account holds the number. */
  async update(actor: Actor, id: string, input: UpdateDidDto): Promise<DidView> {
    const { did } = await this.transitions.apply(actor, id, async (current, manager) => {
      const currency = input.currency ?? current.currency;
      if (currency !== current.currency && current.accountId !== null)
        throw new ConflictError(
          `the number is ${current.status} for an account whose balance is in ${current.currency}: release it before changing its currency`,
          'currency',
        );
      const vendorId = input.vendorId !== undefined ? input.vendorId : current.vendorId;
      if (vendorId !== null && (input.vendorId !== undefined || currency !== current.currency))
        await this.assertVendor(
          actor,
          manager,
          vendorId,
          current.tenantId,
          currency,
          input.vendorId !== undefined ? 'vendorId' : 'currency',
        );
      const changes = changedFields(current, { ...current, ...input });
      if (Object.keys(changes).length === 0) return null;
      return {
        action: 'did.update',
        event: 'updated',
        changes: input,
        accountId: current.accountId,
        details: { changes },
      };
    });
    return toDidView(did, actor.scope);
  }

  /** Only a number no account holds (available or quarantined); its history is kept. */
  async remove(actor: Actor, id: string): Promise<void> {
    assertStaff(actor);
    await this.resources.transaction(async (manager) => {
      const did = await new ScopedDids(manager, actor.scope).lock(id);
      if (!UNHELD.has(did.status))
        throw new ConflictError(
          `the number is ${did.status}: only an available or quarantined number can be deleted`,
          'status',
        );
      await recordDidSteps(manager, actor, [
        {
          did,
          step: { event: 'removed', fromStatus: did.status, toStatus: did.status, accountId: null },
        },
      ]);
      await manager.getRepository(Did).softDelete({ id });
      await this.audit.record(manager, actor, {
        action: 'did.delete',
        entityType: 'did',
        entityId: id,
        tenantId: did.tenantId,
        before: did,
      });
    });
  }

  /** 404 for a vendor the caller cannot see; 400 for another tenant's or one billing in another currency. */
  private async assertVendor(
    actor: Actor,
    manager: EntityManager,
    vendorId: string,
    tenantId: string,
    currency: string,
    field = 'vendorId',
  ): Promise<void> {
    const vendor = (await vendorsInScope(actor, manager, [vendorId])).get(vendorId);
    if (!vendor) throw new NotFoundError('vendor');
    const problem = vendorProblem(vendor, tenantId, currency);
    if (problem) throw new BadRequestError(problem, field);
  }
}

/** Whether a number is in the inventory, whoever holds it: numbers are unique across the platform. */
export async function numberInUse(manager: EntityManager, number: string): Promise<boolean> {
  return (await manager.getRepository(Did).countBy({ number })) > 0;
}

type Fees = Pick<
  Did,
  'buySetupFee' | 'buyMonthlyFee' | 'buyPerMinute' | 'sellSetupFee' | 'sellMonthlyFee' | 'sellPerMinute'
>;

export function feesOrZero(input: Partial<Fees>): Fees {
  const zero = new Decimal(0);
  return {
    buySetupFee: input.buySetupFee ?? zero,
    buyMonthlyFee: input.buyMonthlyFee ?? zero,
    buyPerMinute: input.buyPerMinute ?? zero,
    sellSetupFee: input.sellSetupFee ?? zero,
    sellMonthlyFee: input.sellMonthlyFee ?? zero,
    sellPerMinute: input.sellPerMinute ?? zero,
  };
}
