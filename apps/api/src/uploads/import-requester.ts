import type { RateDeckImportRequester } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import type { Permission } from '../auth/principal';
import { TenantScope } from '../tenancy/tenant-scope';

/** Who asked for an import, as its row keeps it: the job runs long after the request. */
export function importRequester(actor: Actor): RateDeckImportRequester {
  return {
    kind: actor.principal.kind,
    id: actor.principal.id,
    tenantId: actor.principal.tenantId,
    tenantPath: actor.principal.tenantPath,
    ip: actor.ip,
    userAgent: actor.userAgent,
    requestId: actor.requestId,
  };
}

/** The requester as an actor again, for the job's audit entries and tenant scope. */
export function requesterActor(by: RateDeckImportRequester): Actor {
  const principal = {
    kind: by.kind,
    id: by.id,
    tenantId: by.tenantId,
    tenantPath: by.tenantPath,
    accountId: null,
    permissions: [] as Permission[],
  };
  return {
    principal,
    scope: TenantScope.of(principal),
    ip: by.ip,
    userAgent: by.userAgent,
    requestId: by.requestId,
  };
}
