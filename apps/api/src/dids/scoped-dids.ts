import { Did, DidStatus } from '@tollgate/db';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { NotFoundError } from '../http/domain-errors';
import { ScopedRepository } from '../tenancy/scoped-repository';
import type { TenantResourceOptions } from '../tenancy/tenant-resources';
import type { TenantScope } from '../tenancy/tenant-scope';

export const DIDS: TenantResourceOptions = {
  label: 'DID',
  entityType: 'did',
  endUserColumn: 'accountId',
  deletion: 'soft',
};

/**
 * The numbers a caller may see: its tenant's and its resellers' for staff; for an end user only the
 * numbers assigned to its account (not a reservation for it, nor a number it held before). Anything
 * else is "not found".
 */
export class ScopedDids {
  private readonly rows: ScopedRepository<Did>;

  constructor(
    manager: EntityManager,
    private readonly scope: TenantScope,
  ) {
    this.rows = new ScopedRepository(manager, Did, scope, DIDS);
  }

  query(alias = 'row'): SelectQueryBuilder<Did> {
    const query = this.rows.query(alias);
    if (this.scope.isEndUser)
      query.andWhere(`${alias}.status = :endUserStatus`, { endUserStatus: DidStatus.Assigned });
    return query;
  }

  async find(id: string): Promise<Did> {
    return this.found(await this.query().andWhere('row.id = :id', { id }).getOne());
  }

  /** The number, locked until the transaction ends: its transitions are serialised. */
  async lock(id: string): Promise<Did> {
    return this.found(
      await this.query().andWhere('row.id = :id', { id }).setLock('pessimistic_write').getOne(),
    );
  }

  /** 404 unless the tenant is the caller's or one below it. */
  assertTenantInScope(tenantId: string): Promise<void> {
    return this.rows.assertTenantInScope(tenantId);
  }

  private found(did: Did | null): Did {
    if (!did) throw new NotFoundError(DIDS.label);
    return did;
  }
}
