import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Tenant, TenantKind, TenantSettings } from '@tollgate/db';
import { DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { ConflictError, ForbiddenError, NotFoundError } from '../http/domain-errors';
import { CatalogChanges } from '../rating-catalog/catalog-changes';
import { escapeLike } from '../tenancy/like-pattern';
import { type Page, paginate } from '../tenancy/pagination';
import type { CreateResellerDto, ListResellersQueryDto, UpdateResellerDto } from './dto/reseller.dto';

export interface ResellerView {
  id: string;
  name: string;
  parentId: string;
  settings: TenantSettings;
  createdAt: Date;
  updatedAt: Date;
}

/** Resellers at any depth below the caller's tenant: the caller never sees its own parents or siblings. */
@Injectable()
export class ResellersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly changes: CatalogChanges,
  ) {}

  async create(actor: Actor, input: CreateResellerDto): Promise<ResellerView> {
    assertStaff(actor);
    const created = await this.dataSource.transaction(async (manager) => {
      const parent = input.parentId
        ? await this.findInScope(manager, actor, input.parentId, { includeOwn: true })
        : await manager.getRepository(Tenant).findOneByOrFail({ id: actor.scope.tenantId });
      const tenants = manager.getRepository(Tenant);
      const reseller = await tenants.save(
        tenants.create({
          kind: TenantKind.Reseller,
          name: input.name,
          parentId: parent.id,
          path: parent.path,
        }),
      );
      reseller.path = `${parent.path}${reseller.id}/`;
      await tenants.save(reseller);
      const inherited = await manager.getRepository(TenantSettings).findOneBy({ tenantId: parent.id });
      const settings = manager.getRepository(TenantSettings).create({
        tenantId: reseller.id,
        defaultCurrency: inherited?.defaultCurrency,
        defaultTimezone: inherited?.defaultTimezone,
        ...input.settings,
      });
      await manager.getRepository(TenantSettings).save(settings);
      const view = await this.view(manager, reseller);
      await this.audit.record(manager, actor, {
        action: 'reseller.create',
        entityType: 'reseller',
        entityId: reseller.id,
        tenantId: parent.id,
        after: view,
      });
      return view;
    });
    await this.changes.announce();
    return created;
  }

  async list(actor: Actor, query: ListResellersQueryDto): Promise<Page<ResellerView>> {
    assertStaff(actor);
    const builder = this.resellersInScope(this.dataSource.manager, actor);
    if (query.parentId) builder.andWhere('tenant.parentId = :parentId', { parentId: query.parentId });
    if (query.search)
      builder.andWhere('tenant.name ILIKE :search', { search: `%${escapeLike(query.search)}%` });
    const page = await paginate(builder, query);
    const settings = await this.dataSource.manager
      .getRepository(TenantSettings)
      .findBy({ tenantId: In(page.data.map((tenant) => tenant.id)) });
    const byTenant = new Map(settings.map((row) => [row.tenantId, row]));
    return { ...page, data: page.data.map((tenant) => toView(tenant, byTenant.get(tenant.id)!)) };
  }

  async get(actor: Actor, id: string): Promise<ResellerView> {
    assertStaff(actor);
    return this.view(this.dataSource.manager, await this.findInScope(this.dataSource.manager, actor, id));
  }

  async update(actor: Actor, id: string, input: UpdateResellerDto): Promise<ResellerView> {
    assertStaff(actor);
    const updated = await this.dataSource.transaction(async (manager) => {
      const reseller = await this.findInScope(manager, actor, id);
      const before = await this.view(manager, reseller);
      if (input.name !== undefined) await manager.getRepository(Tenant).update({ id }, { name: input.name });
      if (input.settings)
        await manager.getRepository(TenantSettings).update({ tenantId: id }, input.settings);
      const after = await this.view(manager, await this.findInScope(manager, actor, id));
      await this.audit.record(manager, actor, {
        action: 'reseller.update',
        entityType: 'reseller',
        entityId: id,
        tenantId: reseller.parentId!,
        before: flatten(before),
        after: flatten(after),
      });
      return after;
    });
    await this.changes.announce();
    return updated;
  }

  /** Soft delete; refused while the reseller still has sub-resellers. */
  async remove(actor: Actor, id: string): Promise<void> {
    assertStaff(actor);
    await this.dataSource.transaction(async (manager) => {
      const reseller = await this.findInScope(manager, actor, id);
      const children = await manager.getRepository(Tenant).countBy({ parentId: id });
      if (children > 0) throw new ConflictError('the reseller still has sub-resellers: delete them first');
      await manager.getRepository(Tenant).softDelete({ id });
      await this.audit.record(manager, actor, {
        action: 'reseller.delete',
        entityType: 'reseller',
        entityId: id,
        tenantId: reseller.parentId!,
        before: flatten(await this.view(manager, reseller)),
      });
    });
    await this.changes.announce();
  }

  private resellersInScope(manager: EntityManager, actor: Actor): SelectQueryBuilder<Tenant> {
    return manager
      .getRepository(Tenant)
      .createQueryBuilder('tenant')
      .where('tenant.path LIKE :scopePath', { scopePath: `${actor.scope.tenantPath}%` })
      .andWhere('tenant.id <> :ownTenant', { ownTenant: actor.scope.tenantId });
  }

  private async findInScope(
    manager: EntityManager,
    actor: Actor,
    id: string,
    options = { includeOwn: false },
  ) {
    if (options.includeOwn && id === actor.scope.tenantId)
      return manager.getRepository(Tenant).findOneByOrFail({ id });
    const tenant = await this.resellersInScope(manager, actor).andWhere('tenant.id = :id', { id }).getOne();
    if (!tenant) throw new NotFoundError('reseller');
    return tenant;
  }

  private async view(manager: EntityManager, tenant: Tenant): Promise<ResellerView> {
    return toView(
      tenant,
      await manager.getRepository(TenantSettings).findOneByOrFail({ tenantId: tenant.id }),
    );
  }
}

function toView(tenant: Tenant, settings: TenantSettings): ResellerView {
  return {
    id: tenant.id,
    name: tenant.name,
    parentId: tenant.parentId!,
    settings,
    createdAt: tenant.createdAt,
    updatedAt: tenant.updatedAt,
  };
}

function assertStaff(actor: Actor): void {
  if (actor.scope.isEndUser) throw new ForbiddenError('end users cannot manage resellers');
}

function flatten(view: ResellerView): object {
  const { settings, ...rest } = view;
  const { tenant: _tenant, buyRateCard: _card, ...settingsFields } = settings;
  return { ...rest, ...settingsFields };
}
