import {
  ACCOUNT_PARTIES_SQL,
  splitPath,
  TENANT_PARTIES_SQL,
  tenantPartyOf,
  TRUNK_VENDORS_SQL,
  VENDOR_PARTIES_SQL,
  type AccountParty,
  type CdrJob,
  type TenantParty,
  type VendorParty,
} from '@tollgate/cdr';
import type { EntityManager } from 'typeorm';

export { splitPath, type AccountParty, type TenantParty, type VendorParty };

/** Who is who for one batch of CDRs: the accounts, every tenant above them, the vendors. */
export interface BatchParties {
  accounts: ReadonlyMap<string, AccountParty>;
  tenants: ReadonlyMap<string, TenantParty>;
  vendors: ReadonlyMap<string, VendorParty>;
  /** Vendor of each vendor trunk named by the batch. */
  vendorOfTrunk: ReadonlyMap<string, string>;
}

/** A few bulk queries per batch, never one per CDR. */
export async function loadBatchParties(
  manager: EntityManager,
  jobs: readonly CdrJob[],
): Promise<BatchParties> {
  const accountRows = (await manager.query(ACCOUNT_PARTIES_SQL, [
    [...new Set(jobs.map((job) => job.accountId))],
  ])) as AccountParty[];
  const lineage = new Set(accountRows.flatMap((account) => splitPath(account.tenantPath)));
  const tenantRows = (await manager.query(TENANT_PARTIES_SQL, [[...lineage]])) as TenantParty[];
  const trunkIds = [...new Set(jobs.flatMap((job) => (job.vendorTrunkId ? [job.vendorTrunkId] : [])))];
  const trunkRows = (await manager.query(TRUNK_VENDORS_SQL, [trunkIds])) as Array<{
    id: string;
    vendorId: string;
  }>;
  const vendorOfTrunk = new Map(trunkRows.map((row) => [row.id, row.vendorId]));
  const vendorIds = new Set([
    ...jobs.flatMap((job) => (job.vendorId ? [job.vendorId] : [])),
    ...vendorOfTrunk.values(),
  ]);
  const vendorRows = (await manager.query(VENDOR_PARTIES_SQL, [[...vendorIds]])) as VendorParty[];
  return {
    accounts: new Map(accountRows.map((row) => [row.id, row])),
    tenants: new Map(tenantRows.map((row) => [row.id, tenantPartyOf(row)])),
    vendors: new Map(vendorRows.map((row) => [row.id, row])),
    vendorOfTrunk,
  };
}
