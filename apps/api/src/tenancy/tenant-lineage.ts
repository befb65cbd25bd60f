import type { EntityManager } from 'typeorm';

/**
 * Whether `candidateId` is the tenant `tenantId` itself or a tenant above it: a tenant's path holds every
 * id from the owner down to it. Used where an object may reference what its own tenant or a parent
 * offers (a parent's domain or service plan), but never what a sibling or a sub-reseller owns.
 */
export async function isTenantOrAbove(
  manager: EntityManager,
  candidateId: string,
  tenantId: string,
): Promise<boolean> {
  const row = await manager
    .createQueryBuilder()
    .select('tenant.path', 'path')
    .from('tenants', 'tenant')
    .where('tenant.id = :tenantId', { tenantId })
    .getRawOne<{ path: string }>();
  return row?.path.includes(`/${candidateId}/`) ?? false;
}
