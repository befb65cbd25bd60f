import type { DeepPartial, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { NotFoundError } from '../http/domain-errors';
import { type Page, type PageRequest, paginate } from './pagination';
import type { TenantScope } from './tenant-scope';

export interface TenantOwned extends ObjectLiteral {
  id: string;
  tenantId: string;
}

export interface ScopedRepositoryOptions {
  /** What the entity is called in errors ("account", "rate card"). */
  label: string;
  /**
   * How an end user's account limits this table: the column holding the account id ('accountId'),
   * 'id' for the accounts table itself, or null when end users see none of it.
   */
  endUserColumn: 'accountId' | 'id' | null;
}

/**
 * The only way resource services reach tenant data: every query it builds is limited to the caller's
 * scope (tenant subtree, or one account for end users), and a row outside it is "not found", exactly
 * like a row that does not exist, so no answer tells another tenant's ids apart.
 */
export class ScopedRepository<E extends TenantOwned> {
  constructor(
    private readonly manager: EntityManager,
    private readonly entity: EntityTarget<E>,
    private readonly scope: TenantScope,
    private readonly options: ScopedRepositoryOptions,
  ) {}

  get label(): string {
    return this.options.label;
  }

  /** A query builder over the rows in scope; `alias` names the entity in further conditions. */
  query(alias = 'row'): SelectQueryBuilder<E> {
    const query = this.manager.createQueryBuilder(this.entity, alias);
    if (!this.scope.isEndUser) {
      return query.andWhere(
        `${alias}.tenantId IN (SELECT scope_tenant.id FROM tenants scope_tenant WHERE scope_tenant.path LIKE :scopePath)`,
        { scopePath: `${this.scope.tenantPath}%` },
      );
    }
    if (this.options.endUserColumn === null) return query.andWhere('1 = 0');
    return query.andWhere(`${alias}.${this.options.endUserColumn} = :scopeAccountId`, {
      scopeAccountId: this.scope.accountId,
    });
  }

  async findById(id: string): Promise<E> {
    const row = await this.query().andWhere('row.id = :id', { id }).getOne();
    if (!row) throw new NotFoundError(this.options.label);
    return row;
  }

  async list(request: PageRequest, narrow?: (query: SelectQueryBuilder<E>) => void): Promise<Page<E>> {
    const query = this.query();
    narrow?.(query);
    return paginate(query, request);
  }

  /** Inserts a row for `tenantId`, which must be the caller's tenant or one below it. */
  async insert(values: DeepPartial<E> & { tenantId: string }): Promise<E> {
    await this.assertTenantInScope(values.tenantId);
    const repository = this.manager.getRepository(this.entity);
    return repository.save(repository.create(values));
  }

  async update(id: string, patch: DeepPartial<E>): Promise<{ before: E; after: E }> {
    const before = await this.findById(id);
    const repository = this.manager.getRepository(this.entity);
    const after = await repository.save(repository.merge(repository.create({ ...before }), patch));
    return { before, after };
  }

  async softDelete(id: string): Promise<E> {
    const row = await this.findById(id);
    await this.manager.getRepository(this.entity).softDelete({ id } as never);
    return row;
  }

  async remove(id: string): Promise<E> {
    const row = await this.findById(id);
    await this.manager.getRepository(this.entity).delete({ id } as never);
    return row;
  }

  /** 404 unless the tenant exists and is in scope (the same answer either way). */
  async assertTenantInScope(tenantId: string): Promise<void> {
    const row = await this.manager
      .createQueryBuilder()
      .select('tenant.path', 'path')
      .from('tenants', 'tenant')
      .where('tenant.id = :tenantId AND tenant.deleted_at IS NULL', { tenantId })
      .getRawOne<{ path: string }>();
    if (!row || !this.scope.includesTenantPath(row.path)) throw new NotFoundError('tenant');
  }
}
