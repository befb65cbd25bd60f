import { Injectable } from '@nestjs/common';
import { ApiKey } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import type { Permission } from '../auth/principal';
import { newApiKey } from '../auth/secret-tokens';
import { BadRequestError, ForbiddenError, NotFoundError } from '../http/domain-errors';
import { escapeLike } from '../tenancy/like-pattern';
import type { Page } from '../tenancy/pagination';
import { TenantResources } from '../tenancy/tenant-resources';
import type { CreateApiKeyDto, ListApiKeysQueryDto } from './dto/api-key.dto';

/** A key as the API shows it: never its hash. */
export type ApiKeyView = Omit<ApiKey, 'secretHash' | 'permissions' | 'tenant' | 'createdByUser'> & {
  permissions: Permission[];
};

/**
 * Integrators' keys. A key acts for one tenant's subtree with at most its creator's permissions, and is
 * never deleted: revoking keeps the row, so the audit log can still say which key did what.
 */
@Injectable()
export class ApiKeysService {
  private readonly keys;

  constructor(
    private readonly resources: TenantResources,
    private readonly audit: AuditTrail,
  ) {
    this.keys = resources.of(ApiKey, {
      label: 'API key',
      entityType: 'api-key',
      endUserColumn: null,
      deletion: 'hard',
    });
  }

  async create(actor: Actor, input: CreateApiKeyDto): Promise<ApiKeyView & { key: string }> {
    // An API key is never limited to one account: an end user's key would see their whole tenant.
    if (actor.scope.isEndUser) throw new ForbiddenError('end users cannot create API keys');
    const lacking = input.permissions.filter(
      (permission) => !actor.principal.permissions.includes(permission),
    );
    if (lacking.length > 0)
      throw new BadRequestError(
        `a key cannot have permissions its creator lacks: ${lacking.join(', ')}`,
        'permissions',
      );
    const { key, prefix, secretHash } = newApiKey();
    const row = await this.keys.create(actor, {
      name: input.name,
      permissions: input.permissions,
      tenantId: input.tenantId,
      expiresAt: input.expiresAt ?? null,
      prefix,
      secretHash,
      createdByUserId: actor.principal.kind === 'user' ? actor.principal.id : null,
    });
    return { ...toView(row), key };
  }

  async list(actor: Actor, query: ListApiKeysQueryDto): Promise<Page<ApiKeyView>> {
    const page = await this.keys.list(actor, query, (rows) => {
      if (query.status === 'active')
        rows.andWhere('row.revokedAt IS NULL AND (row.expiresAt IS NULL OR row.expiresAt > now())');
      if (query.status === 'revoked') rows.andWhere('row.revokedAt IS NOT NULL');
      if (query.status === 'expired') rows.andWhere('row.revokedAt IS NULL AND row.expiresAt <= now()');
      if (query.search) rows.andWhere('row.name ILIKE :search', { search: `%${escapeLike(query.search)}%` });
      if (query.tenantId) rows.andWhere('row.tenantId = :tenantId', { tenantId: query.tenantId });
    });
    return { ...page, data: page.data.map(toView) };
  }

  async get(actor: Actor, id: string): Promise<ApiKeyView> {
    return toView(await this.keys.get(actor, id));
  }

  /** Stops the key at once; revoking a revoked key changes nothing and answers it as it is. */
  async revoke(actor: Actor, id: string): Promise<ApiKeyView> {
    const revoked = await this.resources.transaction(async (manager) => {
      const repository = this.keys.repository(actor, manager);
      const current = await repository
        .query()
        .andWhere('row.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!current) throw new NotFoundError('API key');
      if (current.revokedAt) return current;
      const { after } = await repository.update(id, { revokedAt: new Date() });
      await this.audit.record(manager, actor, {
        action: 'api-key.revoke',
        entityType: 'api-key',
        entityId: id,
        tenantId: after.tenantId,
        before: current,
        after,
      });
      return after;
    });
    return toView(revoked);
  }
}

function toView({ secretHash: _secret, tenant: _tenant, createdByUser: _user, ...key }: ApiKey): ApiKeyView {
  return { ...key, permissions: key.permissions as Permission[] };
}
