import type { DecimalText, StoredRate } from '../rate-cards/rating-engine-card';
import type {
  Account,
  BannedIp,
  Did,
  Domain,
  Holiday,
  Line,
  RateCard,
  RatePeriod,
  RoutingPlan,
  RoutingPlanPrefix,
  RoutingPlanVendor,
  Service,
  ServicePlan,
  Tenant,
  TenantSettings,
  Vendor,
  VendorTrunk,
} from '@tollgate/db';

// The columns the catalog reads, table by table: what the loader selects and what the builder needs.

export type TenantRow = Pick<Tenant, 'id' | 'kind' | 'parentId' | 'path' | 'name'>;
export type TenantSettingsRow = Pick<
  TenantSettings,
  'tenantId' | 'defaultCurrency' | 'defaultTimezone' | 'buyRateCardId' | 'billingType' | 'creditLimit'
>;
/** `creditLimit` as the numeric's text when read as a raw row. */
export type AccountRow = Omit<AccountColumns, 'creditLimit'> & { creditLimit: DecimalText };
type AccountColumns = Pick<
  Account,
  | 'id'
  | 'tenantId'
  | 'code'
  | 'name'
  | 'status'
  | 'billingType'
  | 'creditLimit'
  | 'currency'
  | 'timezone'
  | 'maxChannels'
  | 'maxInboundChannels'
  | 'maxOutboundChannels'
  | 'servicePlanId'
>;
export type DomainRow = Pick<Domain, 'id' | 'tenantId' | 'name' | 'enabled'>;
/** Never the digest hashes: the catalog has no use for credentials. */
export type LineRow = Pick<
  Line,
  | 'id'
  | 'tenantId'
  | 'accountId'
  | 'domainId'
  | 'username'
  | 'status'
  | 'maxChannels'
  | 'callerIdName'
  | 'callerIdNumber'
>;
/** A service of kind `sip_trunk` that is not terminated. */
export type TrunkServiceRow = Pick<
  Service,
  'id' | 'tenantId' | 'accountId' | 'name' | 'status' | 'allowedSourceIps' | 'techPrefix' | 'maxChannels'
>;
/** An account's ledger balance and its version (µs of its last update), what a credit pool starts from. */
export interface BalanceRow {
  accountId: string;
  amount: string;
  version: string;
}
export type DidRow = Pick<
  Did,
  | 'id'
  | 'tenantId'
  | 'number'
  | 'status'
  | 'accountId'
  | 'currency'
  | 'sellPerMinute'
  | 'buyPerMinute'
  | 'vendorId'
  | 'routeKind'
  | 'routeLineId'
  | 'routeServiceId'
  | 'routeUri'
>;
export type BanRow = Pick<BannedIp, 'id' | 'tenantId' | 'cidr' | 'expiresAt'>;
export type ServicePlanRow = Pick<
  ServicePlan,
  | 'id'
  | 'tenantId'
  | 'name'
  | 'sellRateCardId'
  | 'routingPlanId'
  | 'includedMinutes'
  | 'maxChannels'
  | 'currency'
  | 'active'
>;
export type VendorRow = Pick<
  Vendor,
  | 'id'
  | 'tenantId'
  | 'name'
  | 'currency'
  | 'enabled'
  | 'buyRateCardId'
  | 'priority'
  | 'weight'
  | 'qualityScore'
  | 'blockedPrefixes'
>;
export type VendorTrunkRow = Pick<
  VendorTrunk,
  | 'id'
  | 'vendorId'
  | 'name'
  | 'host'
  | 'port'
  | 'transport'
  | 'stripDigits'
  | 'addPrefix'
  | 'maxChannels'
  | 'timeoutSeconds'
  | 'enabled'
>;
export type RoutingPlanRow = Pick<
  RoutingPlan,
  | 'id'
  | 'tenantId'
  | 'name'
  | 'strategy'
  | 'marginGuardPercent'
  | 'marginGuardAmount'
  | 'allowLoss'
  | 'maxVendors'
  | 'createdAt'
>;
export type RoutingRuleRow = Pick<
  RoutingPlanPrefix,
  'id' | 'routingPlanId' | 'prefix' | 'strategy' | 'blocked'
>;
export type RoutingAssignmentRow = Pick<
  RoutingPlanVendor,
  'id' | 'routingPlanId' | 'prefix' | 'vendorId' | 'priority' | 'weight'
>;

/** A rate as the catalog reads it: a raw row, its amounts the numerics' text. */
export type RateRow = StoredRate;

/**
 * A rate card the catalog serves (a plan's sell card, a reseller's or a vendor's buy card), with a
 * fingerprint of everything its compiled form depends on. `content` is absent when the previous
 * snapshot already compiled the card with the same fingerprint: its compiled card is reused.
 */
export interface RateCardRow {
  card: RateCard;
  fingerprint: string;
  content?: { rates: readonly RateRow[]; periods: readonly RatePeriod[]; holidays: readonly Holiday[] };
}

/** Everything a snapshot is built from, as read in one consistent database snapshot. */
export interface CatalogRows {
  tenants: readonly TenantRow[];
  tenantSettings: readonly TenantSettingsRow[];
  accounts: readonly AccountRow[];
  balances: readonly BalanceRow[];
  domains: readonly DomainRow[];
  lines: readonly LineRow[];
  trunks: readonly TrunkServiceRow[];
  /** Bans not expired when the rows were read; expiry is checked again at each lookup. */
  bans: readonly BanRow[];
  /** DIDs in the inventory (not deleted), whatever their status. */
  dids: readonly DidRow[];
  servicePlans: readonly ServicePlanRow[];
  rateCards: readonly RateCardRow[];
  vendors: readonly VendorRow[];
  vendorTrunks: readonly VendorTrunkRow[];
  routingPlans: readonly RoutingPlanRow[];
  routingRules: readonly RoutingRuleRow[];
  routingAssignments: readonly RoutingAssignmentRow[];
}
