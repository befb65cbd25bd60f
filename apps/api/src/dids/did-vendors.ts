import { Vendor } from '@tollgate/db';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';

/** The vendors of these ids the caller sees (others are missing from the map). */
export async function vendorsInScope(
  actor: Actor,
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, Vendor>> {
  if (ids.length === 0) return new Map();
  const vendors = await new ScopedRepository(manager, Vendor, actor.scope, {
    label: 'vendor',
    endUserColumn: null,
  })
    .query()
    .andWhere('row.id IN (:...ids)', { ids: [...new Set(ids)] })
    .getMany();
  return new Map(vendors.map((vendor) => [vendor.id, vendor]));
}

/** Why a vendor cannot sell this number, if it cannot: another tenant's, or billing in another currency. */
export function vendorProblem(vendor: Vendor, tenantId: string, currency: string): string | undefined {
  if (vendor.tenantId !== tenantId) return "must be a vendor of the DID's own tenant";
  if (vendor.currency !== currency)
    return `the vendor bills in ${vendor.currency}: the DID's prices are in ${currency}`;
  return undefined;
}
