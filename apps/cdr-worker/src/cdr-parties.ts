import type { CdrJob } from '@tollgate/cdr';
import type { EntityManager } from 'typeorm';

export interface AccountParty {
  id: string;
  tenantId: string;
  tenantPath: string;
  currency: string;
  billingType: 'prepaid' | 'postpaid';
  creditLimit: string;
  sellRateCardId: string | null;
}

export interface TenantParty {
  id: string;
  kind: string;
  parentId: string | null;
  path: string;
  name: string;
  /** The card its parent charges it at (resellers). */
  buyRateCardId: string | null;
  /** Its balance with its parent is kept in this currency. */
  currency: string;
}

export interface VendorParty {
  id: string;
  name: string;
  tenantPath: string;
  buyRateCardId: string | null;
}

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
  const accountRows = (await manager.query(
    `SELECT account.id, account.tenant_id AS "tenantId", tenant.path AS "tenantPath", account.currency,
            account.billing_type::text AS "billingType", account.credit_limit::text AS "creditLimit",
            plan.sell_rate_card_id AS "sellRateCardId"
       FROM accounts account
       JOIN tenants tenant ON tenant.id = account.tenant_id
       LEFT JOIN service_plans plan ON plan.id = account.service_plan_id
      WHERE account.id = ANY($1::uuid[])`,
    [[...new Set(jobs.map((job) => job.accountId))]],
  )) as AccountParty[];
  const lineage = new Set(accountRows.flatMap((account) => splitPath(account.tenantPath)));
  const tenantRows = (await manager.query(
    `SELECT tenant.id, tenant.kind::text AS kind, tenant.parent_id AS "parentId", tenant.path, tenant.name,
            settings.buy_rate_card_id AS "buyRateCardId", coalesce(settings.default_currency, 'USD') AS currency
       FROM tenants tenant LEFT JOIN tenant_settings settings ON settings.tenant_id = tenant.id
      WHERE tenant.id = ANY($1::uuid[])`,
    [[...lineage]],
  )) as TenantParty[];
  const trunkIds = [...new Set(jobs.flatMap((job) => (job.vendorTrunkId ? [job.vendorTrunkId] : [])))];
  const trunkRows = (await manager.query(
    `SELECT id, vendor_id AS "vendorId" FROM vendor_trunks WHERE id = ANY($1::uuid[])`,
    [trunkIds],
  )) as Array<{ id: string; vendorId: string }>;
  const vendorOfTrunk = new Map(trunkRows.map((row) => [row.id, row.vendorId]));
  const vendorIds = new Set([
    ...jobs.flatMap((job) => (job.vendorId ? [job.vendorId] : [])),
    ...vendorOfTrunk.values(),
  ]);
  const vendorRows = (await manager.query(
    `SELECT vendor.id, vendor.name, tenant.path AS "tenantPath", vendor.buy_rate_card_id AS "buyRateCardId"
       FROM vendors vendor JOIN tenants tenant ON tenant.id = vendor.tenant_id
      WHERE vendor.id = ANY($1::uuid[])`,
    [[...vendorIds]],
  )) as VendorParty[];
  return {
    accounts: new Map(accountRows.map((row) => [row.id, row])),
    tenants: new Map(tenantRows.map((row) => [row.id, { ...row, currency: row.currency.trim() }])),
    vendors: new Map(vendorRows.map((row) => [row.id, row])),
    vendorOfTrunk,
  };
}

/** Tenant ids from the owner down, from a path `/owner/reseller/…/`. */
export function splitPath(path: string): string[] {
  return path.split('/').filter((id) => id !== '');
}
