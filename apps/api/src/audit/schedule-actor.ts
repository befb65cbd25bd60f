import { ALL_PERMISSIONS, type Principal } from '../auth/principal';
import { TenantScope } from '../tenancy/tenant-scope';
import type { Actor } from './actor';

/**
 * A scheduled job acting within one tenant, e.g. posting the DID monthly fees of that tenant's numbers:
 * scoped like the tenant's own administrator, recorded in the audit log without a user or API key and
 * with the request id `schedule:<job>`.
 */
export function scheduleActor(job: string, tenant: { id: string; path: string }): Actor {
  const principal: Principal = {
    kind: 'schedule',
    id: job,
    tenantId: tenant.id,
    tenantPath: tenant.path,
    accountId: null,
    permissions: ALL_PERMISSIONS,
  };
  return {
    principal,
    scope: TenantScope.of(principal),
    ip: '127.0.0.1',
    userAgent: null,
    requestId: `schedule:${job}`,
  };
}
