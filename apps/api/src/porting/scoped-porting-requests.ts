import { PortingRequest } from '@tollgate/db';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { NotFoundError } from '../http/domain-errors';
import { ScopedRepository } from '../tenancy/scoped-repository';
import type { TenantScope } from '../tenancy/tenant-scope';

const LABEL = 'porting request';

/**
 * The porting requests a caller may see: its tenant's and its resellers' for staff, its own account's
 * for an end user. Anything else is "not found".
 */
export class ScopedPortingRequests {
  private readonly rows: ScopedRepository<PortingRequest>;

  constructor(manager: EntityManager, scope: TenantScope) {
    this.rows = new ScopedRepository(manager, PortingRequest, scope, {
      label: LABEL,
      endUserColumn: 'accountId',
    });
  }

  query(alias = 'row'): SelectQueryBuilder<PortingRequest> {
    return this.rows.query(alias);
  }

  async find(id: string): Promise<PortingRequest> {
    return found(await this.query().andWhere('row.id = :id', { id }).getOne());
  }

  /** The request, locked until the transaction ends: its moves are serialised. */
  async lock(id: string): Promise<PortingRequest> {
    return found(await this.query().andWhere('row.id = :id', { id }).setLock('pessimistic_write').getOne());
  }
}

function found(request: PortingRequest | null): PortingRequest {
  if (!request) throw new NotFoundError(LABEL);
  return request;
}
