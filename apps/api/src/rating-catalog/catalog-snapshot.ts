import type {
  AccountStatus,
  BillingType,
  DidRouteKind,
  DidStatus,
  LineStatus,
  RateCardKind,
  RoutingStrategy,
  ServiceStatus,
  SipTransport,
  TenantKind,
} from '@tollgate/db';
import type { RateCard as EngineRateCard, Money, Vendor } from '@tollgate/rating';
import type { CidrTable } from './cidr-table';

export interface CatalogTenant {
  readonly id: string;
  readonly kind: TenantKind;
  readonly parentId: string | null;
  readonly path: string;
  readonly name: string;
  /** Ids from the owner down to this tenant (its path, split). */
  readonly lineage: readonly string[];
  readonly defaultCurrency: string;
  readonly defaultTimezone: string;
  /** Reseller: the card its parent charges it at; null for the owner or when not set. */
  readonly buyRateCardId: string | null;
  /** Reseller: how its balance with its parent works. */
  readonly billingType: BillingType;
  /** Reseller, postpaid: decimal string, in its default currency. */
  readonly creditLimit: string;
}

export interface ChannelLimits {
  /** Null = unlimited. */
  readonly total: number | null;
  readonly inbound: number | null;
  readonly outbound: number | null;
}

export interface CatalogAccount {
  readonly id: string;
  readonly tenantId: string;
  readonly tenantPath: string;
  readonly code: string;
  readonly name: string;
  readonly status: AccountStatus;
  readonly billingType: BillingType;
  /** Postpaid: how far below zero the balance may go (zero for prepaid). */
  readonly creditLimit: Money;
  readonly currency: string;
  readonly timezone: string;
  /** The account's own limits; `total` falls back to its service plan's default channel limit. */
  readonly channels: ChannelLimits;
  readonly servicePlanId: string | null;
  /** The ledger balance when the catalog was loaded: what a credit pool starts from when Redis has none. */
  readonly balance: Money;
  /** µs of the balance's last update (0 before the first ledger entry). */
  readonly balanceVersion: bigint;
}

/** A number of the inventory and where its inbound calls go. */
export interface CatalogDid {
  readonly id: string;
  readonly tenantId: string;
  /** E.164 digits. */
  readonly number: string;
  readonly status: DidStatus;
  readonly accountId: string | null;
  readonly currency: string;
  /** Per minute of inbound calls, charged to the account; decimal string. */
  readonly sellPerMinute: string;
  readonly routeKind: DidRouteKind | null;
  readonly routeLineId: string | null;
  readonly routeServiceId: string | null;
  readonly routeUri: string | null;
}

export interface CatalogLine {
  readonly id: string;
  readonly tenantId: string;
  readonly accountId: string;
  readonly domainId: string;
  /** Lower-case domain name. */
  readonly domain: string;
  /** A disabled domain accepts no calls from its lines. */
  readonly domainEnabled: boolean;
  readonly username: string;
  readonly status: LineStatus;
  /** Null = only the account's limits apply. */
  readonly maxChannels: number | null;
  readonly callerIdName: string | null;
  readonly callerIdNumber: string | null;
}

/** A SIP trunk service (active or suspended) recognised by the source address of its calls. */
export interface CatalogTrunk {
  /** The service id. */
  readonly id: string;
  readonly tenantId: string;
  readonly accountId: string;
  readonly name: string;
  readonly status: ServiceStatus;
  readonly techPrefix: string | null;
  readonly maxChannels: number | null;
  readonly sourceRanges: readonly string[];
}

export interface CatalogServicePlan {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly sellRateCardId: string;
  readonly routingPlanId: string | null;
  readonly includedMinutes: number;
  readonly maxChannels: number | null;
  readonly currency: string;
}

export interface CatalogRateCard {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly kind: RateCardKind;
  readonly currency: string;
  readonly timezone: string;
  /** Changes whenever the card, its rates, its periods or its tenant's holidays change. */
  readonly fingerprint: string;
  /** The compiled card; undefined when its stored rows cannot be rated (see `problem`). */
  readonly engine: EngineRateCard | undefined;
  readonly problem: string | undefined;
}

export interface CatalogVendorTrunk {
  readonly id: string;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly transport: SipTransport;
  /** Leading digits removed from the E.164 number before `addPrefix` is put in front. */
  readonly stripDigits: number;
  readonly addPrefix: string;
  readonly maxChannels: number | null;
  readonly timeoutSeconds: number;
}

export interface CatalogVendor {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly currency: string;
  readonly enabled: boolean;
  readonly buyRateCardId: string | null;
  /** Undefined when the vendor has no buy card or it cannot be rated. */
  readonly buyCard: EngineRateCard | undefined;
  readonly priority: number;
  readonly weight: number;
  readonly quality: number;
  readonly blockedPrefixes: readonly string[];
  /** Enabled gateways, by name. */
  readonly trunks: readonly CatalogVendorTrunk[];
}

/** A vendor as a routing plan offers it, ready for the engine's `orderVendors`. */
export interface RouteVendor extends Vendor {
  readonly card: EngineRateCard;
  /** Effective in the plan: the assignment's override, else the vendor's own. */
  readonly priority: number;
  readonly weight: number;
  readonly assignmentId: string;
  readonly vendor: CatalogVendor;
}

export interface CatalogRoutingPlan {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly strategy: RoutingStrategy;
  /** Decimal strings; null = no floor. */
  readonly marginGuardPercent: string | null;
  readonly marginGuardAmount: string | null;
  readonly allowLoss: boolean;
  readonly maxVendors: number;
}

/** What a routing plan says for one destination (the in-memory twin of ResolveRoutingService). */
export interface CatalogRoute {
  readonly plan: CatalogRoutingPlan;
  /** '' when no prefix rule matches. */
  readonly matchedPrefix: string;
  readonly prefixRuleId: string | null;
  readonly strategy: RoutingStrategy;
  readonly blocked: boolean;
  /** Whether the vendors are the rule's own or the plan's default ones. */
  readonly vendorSource: 'prefix' | 'default';
  /** By effective priority, then vendor id; empty when blocked. */
  readonly vendors: readonly RouteVendor[];
  /** Vendors of the plan for this destination that cannot be priced (no usable buy card). */
  readonly unpriced: readonly CatalogVendor[];
}

/** One reseller level above an account: what its parent charges it (undefined when it has no usable card). */
export interface ResellerLevel {
  /** `reseller:<tenant id>`, the level id `rateResellerChain` reports. */
  readonly id: string;
  readonly tenantId: string;
  readonly card: EngineRateCard | undefined;
}

/** A plan's routing, prepared: its rules by prefix and the route of each. */
export interface PreparedRouting {
  readonly plan: CatalogRoutingPlan;
  /** Route when no rule matches. */
  readonly fallback: CatalogRoute;
  readonly rules: ReadonlyMap<string, CatalogRoute>;
  /** Prefix lengths of the rules, longest first. */
  readonly ruleLengths: readonly number[];
}

export interface CatalogSnapshotParts {
  version: number;
  loadedAt: Date;
  tenants: ReadonlyMap<string, CatalogTenant>;
  tenantsByPath: ReadonlyMap<string, CatalogTenant>;
  accounts: ReadonlyMap<string, CatalogAccount>;
  lines: ReadonlyMap<string, CatalogLine>;
  linesById: ReadonlyMap<string, CatalogLine>;
  trunks: CidrTable<CatalogTrunk>;
  trunksById: ReadonlyMap<string, CatalogTrunk>;
  dids: ReadonlyMap<string, CatalogDid>;
  bans: ReadonlyMap<string, CidrTable<number>>;
  servicePlans: ReadonlyMap<string, CatalogServicePlan>;
  rateCards: ReadonlyMap<string, CatalogRateCard>;
  vendors: ReadonlyMap<string, CatalogVendor>;
  routing: ReadonlyMap<string, PreparedRouting>;
  inheritedRouting: ReadonlyMap<string, PreparedRouting>;
  resellerChains: ReadonlyMap<string, readonly ResellerLevel[]>;
  problems: readonly string[];
}

/**
 * Everything `authorize` needs to know about the platform's configuration, immutable once built. Read
 * one snapshot per call (`RatingCatalog.current`) so every lookup of a call sees the same version.
 */
export class CatalogSnapshot {
  readonly version: number;
  /** When the rows were read from PostgreSQL. */
  readonly loadedAt: Date;
  /** Rows the builder had to leave out, and why (a card that cannot be rated, a malformed range). */
  readonly problems: readonly string[];

  /** Path of the platform owner's tenant: its bans apply to everyone. */
  readonly ownerPath: string;

  constructor(private readonly parts: CatalogSnapshotParts) {
    this.ownerPath = [...parts.tenants.values()].find((tenant) => tenant.parentId === null)?.path ?? '';
    this.version = parts.version;
    this.loadedAt = parts.loadedAt;
    this.problems = parts.problems;
  }

  get counts() {
    const { tenants, accounts, lines, trunks, servicePlans, rateCards, vendors, routing, bans } = this.parts;
    return {
      tenants: tenants.size,
      accounts: accounts.size,
      lines: lines.size,
      dids: this.parts.dids.size,
      trunkRanges: trunks.size,
      bannedNetworks: [...bans.values()].reduce((total, table) => total + table.size, 0),
      servicePlans: servicePlans.size,
      rateCards: rateCards.size,
      vendors: vendors.size,
      routingPlans: routing.size,
    };
  }

  /** The line `user@domain` (domain in any case), whatever its status; undefined when unknown. */
  lineByAddress(username: string, domain: string): CatalogLine | undefined {
    return this.parts.lines.get(lineAddress(username, domain));
  }

  line(id: string): CatalogLine | undefined {
    return this.parts.linesById.get(id);
  }

  /** A SIP trunk service by id (active or suspended). */
  trunk(id: string): CatalogTrunk | undefined {
    return this.parts.trunksById.get(id);
  }

  /** The DID whose number is exactly these E.164 digits. */
  didByNumber(digits: string): CatalogDid | undefined {
    return this.parts.dids.get(digits);
  }

  /** The SIP trunk whose source range is the longest one containing `ip` (IPv4, IPv6 or IPv4-mapped). */
  trunkBySourceIp(ip: string): CatalogTrunk | undefined {
    return this.parts.trunks.longest(ip);
  }

  /**
   * Whether `ip` is banned for traffic of the tenant at `tenantPath`: by that tenant or any tenant above
   * it (the owner's bans are platform-wide), with a ban not expired at `at`.
   */
  isBanned(ip: string, tenantPath: string, at: number = Date.now()): boolean {
    const lineage = this.parts.tenantsByPath.get(tenantPath)?.lineage ?? splitPath(tenantPath);
    for (const tenantId of lineage) {
      const table = this.parts.bans.get(tenantId);
      if (table?.some(ip, (expiresAt) => expiresAt > at)) return true;
    }
    return false;
  }

  tenant(id: string): CatalogTenant | undefined {
    return this.parts.tenants.get(id);
  }

  account(id: string): CatalogAccount | undefined {
    return this.parts.accounts.get(id);
  }

  servicePlan(id: string): CatalogServicePlan | undefined {
    return this.parts.servicePlans.get(id);
  }

  rateCard(id: string): CatalogRateCard | undefined {
    return this.parts.rateCards.get(id);
  }

  vendor(id: string): CatalogVendor | undefined {
    return this.parts.vendors.get(id);
  }

  routingPlan(id: string): CatalogRoutingPlan | undefined {
    return this.parts.routing.get(id)?.plan;
  }

  /** The compiled sell card of the account's service plan; undefined without a plan or a usable card. */
  sellCardFor(account: CatalogAccount): EngineRateCard | undefined {
    const plan =
      account.servicePlanId === null ? undefined : this.parts.servicePlans.get(account.servicePlanId);
    return plan && this.parts.rateCards.get(plan.sellRateCardId)?.engine;
  }

  /**
   * The routing plan of the account's service plan or, when the plan has none, the routing inherited
   * from the tenants above the plan's (see `buildCatalogSnapshot`). Undefined without a service plan.
   */
  routingFor(account: CatalogAccount): CatalogRoutingPlan | undefined {
    const plan =
      account.servicePlanId === null ? undefined : this.parts.servicePlans.get(account.servicePlanId);
    if (plan === undefined) return undefined;
    if (plan.routingPlanId !== null) return this.parts.routing.get(plan.routingPlanId)?.plan;
    return this.parts.inheritedRouting.get(plan.tenantId)?.plan;
  }

  /** The buy card of each reseller level from the account's tenant up to (not including) the owner. */
  resellerChainFor(account: CatalogAccount): readonly ResellerLevel[] {
    return this.parts.resellerChains.get(account.tenantId) ?? [];
  }

  /**
   * The route of a plan for E.164 digits: the longest matching prefix rule (blocked, or with its own
   * strategy and vendors), else the plan's default vendors. Undefined for a plan not in the catalog.
   */
  vendorsFor(plan: CatalogRoutingPlan, digits: string): CatalogRoute | undefined {
    const routing = this.parts.routing.get(plan.id);
    if (routing === undefined) return undefined;
    for (const length of routing.ruleLengths) {
      if (length > digits.length) continue;
      const route = routing.rules.get(digits.slice(0, length));
      if (route !== undefined) return route;
    }
    return routing.fallback;
  }
}

/** Key of the line map: the username as is, the domain in lower case. */
export function lineAddress(username: string, domain: string): string {
  return `${username}@${domain.toLowerCase()}`;
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((id) => id.length > 0);
}
