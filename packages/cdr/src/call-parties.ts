/**
 * Who a call is priced for, read the same way by cdr-worker and by the API's price quote: the account
 * (its sell card through its service plan), every tenant above it (a reseller's buy card is the one its
 * parent assigned in its settings) and the vendor. Only the SQL text lives here; the callers run it.
 */

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

/** Accounts by id (`$1`: uuid[]), with their tenant's path and their plan's sell card. */
export const ACCOUNT_PARTIES_SQL = `
  SELECT account.id, account.tenant_id AS "tenantId", tenant.path AS "tenantPath", account.currency,
         account.billing_type::text AS "billingType", account.credit_limit::text AS "creditLimit",
         plan.sell_rate_card_id AS "sellRateCardId"
    FROM accounts account
    JOIN tenants tenant ON tenant.id = account.tenant_id
    LEFT JOIN service_plans plan ON plan.id = account.service_plan_id
   WHERE account.id = ANY($1::uuid[])`;

/** Tenants by id (`$1`: uuid[]), with the buy card and currency of their settings (rows for `tenantPartyOf`). */
export const TENANT_PARTIES_SQL = `
  SELECT tenant.id, tenant.kind::text AS kind, tenant.parent_id AS "parentId", tenant.path, tenant.name,
         settings.buy_rate_card_id AS "buyRateCardId", coalesce(settings.default_currency, 'USD') AS currency
    FROM tenants tenant LEFT JOIN tenant_settings settings ON settings.tenant_id = tenant.id
   WHERE tenant.id = ANY($1::uuid[])`;

/** The vendor of each vendor trunk (`$1`: uuid[]). */
export const TRUNK_VENDORS_SQL = `SELECT id, vendor_id AS "vendorId" FROM vendor_trunks WHERE id = ANY($1::uuid[])`;

/** Vendors by id (`$1`: uuid[]), with their tenant's path and their buy card. */
export const VENDOR_PARTIES_SQL = `
  SELECT vendor.id, vendor.name, tenant.path AS "tenantPath", vendor.buy_rate_card_id AS "buyRateCardId"
    FROM vendors vendor JOIN tenants tenant ON tenant.id = vendor.tenant_id
   WHERE vendor.id = ANY($1::uuid[])`;

/** A row of `TENANT_PARTIES_SQL` as a party (`default_currency` is a padded char column). */
export function tenantPartyOf(row: TenantParty): TenantParty {
  return { ...row, currency: row.currency.trim() };
}

/** Tenant ids from the owner down, from a path `/owner/reseller/…/`. */
export function splitPath(path: string): string[] {
  return path.split('/').filter((id) => id !== '');
}
