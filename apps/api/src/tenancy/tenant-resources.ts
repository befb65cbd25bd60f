import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DataSource,
  type DeepPartial,
  type EntityManager,
  type EntityTarget,
  type SelectQueryBuilder,
} from 'typeorm';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { CatalogChanges } from '../rating-catalog/catalog-changes';
import type { Page, PageRequest } from './pagination';
import { ScopedRepository, type ScopedRepositoryOptions, type TenantOwned } from './scoped-repository';

export interface TenantResourceOptions extends ScopedRepositoryOptions {
  /** Audit name: actions are `<entityType>.create`, `.update`, `.delete`. */
  entityType: string;
  /** Keep deleted rows (deleted_at) for history, or delete them for good. */
  deletion: 'soft' | 'hard';
}

/**
 * Create / read / update / delete of one tenant-owned table, always scoped to the actor and audited in
 * the same transaction. Resource services add their own rules around it.
 */
export class TenantResource<E extends TenantOwned> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly entity: EntityTarget<E>,
    private readonly options: TenantResourceOptions,
    private readonly changes: CatalogChanges,
  ) {}

  /** The scoped repository on `manager` (the default connection when omitted). */
  repository(actor: Actor, manager: EntityManager = this.dataSource.manager): ScopedRepository<E> {
    return new ScopedRepository(manager, this.entity, actor.scope, this.options);
  }

  list(
    actor: Actor,
    request: PageRequest,
    narrow?: (query: SelectQueryBuilder<E>) => void,
  ): Promise<Page<E>> {
    return this.repository(actor).list(request, narrow);
  }

  get(actor: Actor, id: string): Promise<E> {
    return this.repository(actor).findById(id);
  }

  async create(
    actor: Actor,
    values: DeepPartial<E> & { tenantId?: string },
    inTransaction?: (manager: EntityManager) => Promise<void>,
  ): Promise<E> {
    const created = await this.dataSource.transaction(async (manager) => {
      await inTransaction?.(manager);
      const row = await this.repository(actor, manager).insert({
        ...values,
        tenantId: values.tenantId ?? actor.scope.tenantId,
      });
      await this.record(manager, actor, 'create', row.id, row.tenantId, null, row);
      return row;
    });
    await this.changes.announce();
    return created;
  }

  async update(
    actor: Actor,
    id: string,
    patch: DeepPartial<E>,
    inTransaction?: (manager: EntityManager, current: E) => Promise<void>,
  ): Promise<E> {
    const updated = await this.dataSource.transaction(async (manager) => {
      const repository = this.repository(actor, manager);
      await inTransaction?.(manager, await repository.findById(id));
      const { before, after } = await repository.update(id, patch);
      await this.record(manager, actor, 'update', id, after.tenantId, before, after);
      return after;
    });
    await this.changes.announce();
    return updated;
  }

  async remove(
    actor: Actor,
    id: string,
    inTransaction?: (manager: EntityManager, current: E) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const repository = this.repository(actor, manager);
      await inTransaction?.(manager, await repository.findById(id));
      const row =
        this.options.deletion === 'soft' ? await repository.softDelete(id) : await repository.remove(id);
      await this.record(manager, actor, 'delete', id, row.tenantId, row, null);
    });
    await this.changes.announce();
  }

  private record(
    manager: EntityManager,
    actor: Actor,
    verb: string,
    id: string,
    tenantId: string,
    before: E | null,
    after: E | null,
  ) {
    return this.audit.record(manager, actor, {
      action: `${this.options.entityType}.${verb}`,
      entityType: this.options.entityType,
      entityId: id,
      tenantId,
      before,
      after,
    });
  }
}

/** Makes TenantResource instances for resource services. */
@Injectable()
export class TenantResources {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly changes: CatalogChanges,
  ) {}

  of<E extends TenantOwned>(entity: EntityTarget<E>, options: TenantResourceOptions): TenantResource<E> {
    return new TenantResource(this.dataSource, this.audit, entity, options, this.changes);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.changes.announceAfter(this.dataSource.transaction(work));
  }
}
