import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiKey, Tenant } from '@tollgate/db';
import { DataSource, IsNull } from 'typeorm';
import { UnauthorizedError } from '../http/domain-errors';
import type { Permission, Principal } from './principal';
import { API_KEY_PREFIX_LENGTH, matchesDigest } from './secret-tokens';

const LAST_USED_RESOLUTION_MS = 60_000;

/** Authenticates an integrator's API key: known prefix, matching digest, not revoked, not expired. */
@Injectable()
export class ApiKeyAuthenticator {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async authenticate(key: string): Promise<Principal> {
    const apiKey = await this.dataSource.getRepository(ApiKey).findOneBy({
      prefix: key.slice(0, API_KEY_PREFIX_LENGTH),
      revokedAt: IsNull(),
    });
    if (!apiKey || !matchesDigest(key, apiKey.secretHash))
      throw new UnauthorizedError('unknown or revoked API key');
    if (apiKey.expiresAt && apiKey.expiresAt.getTime() <= Date.now())
      throw new UnauthorizedError('the API key has expired');
    const tenant = await this.dataSource.getRepository(Tenant).findOneBy({ id: apiKey.tenantId });
    if (!tenant) throw new UnauthorizedError('the API key belongs to a deleted tenant');
    await this.touch(apiKey);
    return {
      kind: 'api_key',
      id: apiKey.id,
      tenantId: apiKey.tenantId,
      tenantPath: tenant.path,
      accountId: null,
      permissions: apiKey.permissions as Permission[],
    };
  }

  // Last-used is informative: writing it at most once a minute keeps busy integrations from a write per call.
  private async touch(apiKey: ApiKey): Promise<void> {
    if (apiKey.lastUsedAt && Date.now() - apiKey.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    await this.dataSource.getRepository(ApiKey).update({ id: apiKey.id }, { lastUsedAt: new Date() });
  }
}
