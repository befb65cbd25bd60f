import { BillingType, TenantKind } from '@tollgate/db';
import { Money } from '@tollgate/rating';
import { buildEngineRateCard, decimalText } from '../rate-cards/rating-engine-card';
import type {
  AccountRow,
  BalanceRow,
  CatalogRows,
  DidRow,
  RateCardRow,
  RoutingAssignmentRow,
  RoutingPlanRow,
  RoutingRuleRow,
  ServicePlanRow,
  TenantRow,
  TenantSettingsRow,
  VendorRow,
  VendorTrunkRow,
} from './catalog-rows';
import {
  type CatalogAccount,
  type CatalogDid,
  type CatalogLine,
  type CatalogRateCard,
  type CatalogRoute,
  type CatalogRoutingPlan,
  type CatalogServicePlan,
  CatalogSnapshot,
  type CatalogTenant,
  type CatalogTrunk,
  type CatalogVendor,
  lineAddress,
  type PreparedRouting,
  type ResellerLevel,
  type RouteVendor,
  splitPath,
} from './catalog-snapshot';
import { CidrTable } from './cidr-table';

export interface BuildCatalogOptions {
  version: number;
  loadedAt: Date;
  /** Its compiled rate cards are reused for rows with the same fingerprint (and must be, without content). */
  previous?: CatalogSnapshot;
}

/**
 * The pure half of the catalog: rows in, an immutable snapshot out. A row that cannot be used (a card
 * whose rates cannot be rated, a malformed range) is left out and reported in `problems`, so one bad
 * row never holds back the rest of the platform's changes.
 */
export function buildCatalogSnapshot(rows: CatalogRows, options: BuildCatalogOptions): CatalogSnapshot {
  const problems: string[] = [];
  const tenants = buildTenants(rows.tenants, rows.tenantSettings);
  const rateCards = new Map(
    rows.rateCards.map((row) => [row.card.id, compileRateCard(row, options.previous, problems)]),
  );
  const servicePlans = new Map<string, CatalogServicePlan>(
    rows.servicePlans.map((plan) => [plan.id, pickPlan(plan)]),
  );
  const accounts = buildAccounts(rows.accounts, rows.balances, tenants, servicePlans);
  const lines = buildLines(rows, accounts);
  const trunks = buildTrunks(rows, accounts, problems);
  const vendors = buildVendors(rows.vendors, rows.vendorTrunks, rateCards);
  const routing = buildRouting(rows.routingPlans, rows.routingRules, rows.routingAssignments, vendors);
  return new CatalogSnapshot({
    version: options.version,
    loadedAt: options.loadedAt,
    tenants,
    tenantsByPath: new Map([...tenants.values()].map((tenant) => [tenant.path, tenant])),
    accounts,
    lines,
    linesById: new Map([...lines.values()].map((line) => [line.id, line])),
    trunks: trunks.table,
    trunksById: trunks.byId,
    dids: buildDids(rows.dids),
    bans: buildBans(rows, tenants, problems),
    servicePlans,
    rateCards,
    vendors,
    routing,
    inheritedRouting: inheritRouting(tenants, rows.routingPlans, routing),
    resellerChains: buildResellerChains(tenants, rateCards),
    problems,
  });
}

function buildTenants(
  rows: readonly TenantRow[],
  settingsRows: readonly TenantSettingsRow[],
): Map<string, CatalogTenant> {
  const settings = new Map(settingsRows.map((row) => [row.tenantId, row]));
  return new Map(
    rows.map((tenant) => {
      const own = settings.get(tenant.id);
      return [
        tenant.id,
        {
          id: tenant.id,
          kind: tenant.kind,
          parentId: tenant.parentId,
          path: tenant.path,
          name: tenant.name,
          lineage: splitPath(tenant.path),
          defaultCurrency: own?.defaultCurrency ?? 'USD',
          defaultTimezone: own?.defaultTimezone ?? 'UTC',
          buyRateCardId: own?.buyRateCardId ?? null,
          billingType: own?.billingType ?? BillingType.Prepaid,
          creditLimit: own?.creditLimit.toFixed() ?? '0',
        },
      ];
    }),
  );
}

function compileRateCard(
  row: RateCardRow,
  previous: CatalogSnapshot | undefined,
  problems: string[],
): CatalogRateCard {
  const { card, fingerprint, content } = row;
  const meta = {
    id: card.id,
    tenantId: card.tenantId,
    name: card.name,
    kind: card.kind,
    currency: card.currency,
    timezone: card.timezone,
    fingerprint,
  };
  const known = previous?.rateCard(card.id);
  const reused = known?.fingerprint === fingerprint ? known : undefined;
  let compiled: Pick<CatalogRateCard, 'engine' | 'problem'>;
  if (reused) compiled = reused;
  else if (!content) compiled = { engine: undefined, problem: 'its rates were not loaded' };
  else compiled = compile(() => buildEngineRateCard({ card, ...content, timeZone: card.timezone }));
  if (compiled.problem !== undefined) problems.push(`rate card ${card.id}: ${compiled.problem}`);
  return { ...meta, engine: compiled.engine, problem: compiled.problem };
}

function compile(build: () => CatalogRateCard['engine']): Pick<CatalogRateCard, 'engine' | 'problem'> {
  try {
    return { engine: build(), problem: undefined };
  } catch (error) {
    return { engine: undefined, problem: error instanceof Error ? error.message : String(error) };
  }
}

function pickPlan(plan: ServicePlanRow): CatalogServicePlan {
  return {
    id: plan.id,
    tenantId: plan.tenantId,
    name: plan.name,
    sellRateCardId: plan.sellRateCardId,
    routingPlanId: plan.routingPlanId,
    includedMinutes: plan.includedMinutes,
    maxChannels: plan.maxChannels,
    currency: plan.currency,
  };
}

/** Accounts of tenants still in the catalog (a deleted reseller's accounts are out with it). */
function buildAccounts(
  rows: readonly AccountRow[],
  balanceRows: readonly BalanceRow[],
  tenants: ReadonlyMap<string, CatalogTenant>,
  plans: ReadonlyMap<string, CatalogServicePlan>,
): Map<string, CatalogAccount> {
  const balances = new Map(balanceRows.map((balance) => [balance.accountId, balance]));
  const accounts = new Map<string, CatalogAccount>();
  for (const row of rows) {
    const tenant = tenants.get(row.tenantId);
    if (tenant === undefined) continue;
    const plan = row.servicePlanId === null ? undefined : plans.get(row.servicePlanId);
    accounts.set(row.id, {
      id: row.id,
      tenantId: row.tenantId,
      tenantPath: tenant.path,
      code: row.code,
      name: row.name,
      status: row.status,
      billingType: row.billingType,
      creditLimit: Money.of(decimalText(row.creditLimit), row.currency),
      currency: row.currency,
      timezone: row.timezone,
      channels: {
        total: row.maxChannels ?? plan?.maxChannels ?? null,
        inbound: row.maxInboundChannels,
        outbound: row.maxOutboundChannels,
      },
      servicePlanId: row.servicePlanId,
      balance: Money.of(balances.get(row.id)?.amount ?? '0', row.currency),
      balanceVersion: BigInt(balances.get(row.id)?.version ?? '0'),
    });
  }
  return accounts;
}

function buildDids(rows: readonly DidRow[]): Map<string, CatalogDid> {
  return new Map(
    rows.map((did) => [
      did.number,
      {
        id: did.id,
        tenantId: did.tenantId,
        number: did.number,
        status: did.status,
        accountId: did.accountId,
        currency: did.currency,
        sellPerMinute: did.sellPerMinute.toFixed(),
        routeKind: did.routeKind,
        routeLineId: did.routeLineId,
        routeServiceId: did.routeServiceId,
        routeUri: did.routeUri,
      },
    ]),
  );
}

function buildLines(
  rows: CatalogRows,
  accounts: ReadonlyMap<string, CatalogAccount>,
): Map<string, CatalogLine> {
  const domains = new Map(rows.domains.map((domain) => [domain.id, domain]));
  const lines = new Map<string, CatalogLine>();
  for (const line of rows.lines) {
    const domain = domains.get(line.domainId);
    if (domain === undefined || !accounts.has(line.accountId)) continue;
    const key = lineAddress(line.username, domain.name);
    if (lines.has(key)) continue;
    lines.set(key, {
      id: line.id,
      tenantId: line.tenantId,
      accountId: line.accountId,
      domainId: domain.id,
      domain: domain.name.toLowerCase(),
      domainEnabled: domain.enabled,
      username: line.username,
      status: line.status,
      maxChannels: line.maxChannels,
      callerIdName: line.callerIdName,
      callerIdNumber: line.callerIdNumber,
    });
  }
  return lines;
}

function buildTrunks(
  rows: CatalogRows,
  accounts: ReadonlyMap<string, CatalogAccount>,
  problems: string[],
): { table: CidrTable<CatalogTrunk>; byId: Map<string, CatalogTrunk> } {
  const table = new CidrTable<CatalogTrunk>();
  const byId = new Map<string, CatalogTrunk>();
  for (const service of rows.trunks) {
    if (!accounts.has(service.accountId)) continue;
    const trunk: CatalogTrunk = {
      id: service.id,
      tenantId: service.tenantId,
      accountId: service.accountId,
      name: service.name,
      status: service.status,
      techPrefix: service.techPrefix,
      maxChannels: service.maxChannels,
      sourceRanges: [...service.allowedSourceIps],
    };
    byId.set(trunk.id, trunk);
    for (const range of service.allowedSourceIps)
      if (!table.add(range, trunk)) problems.push(`trunk service ${service.id}: ${range} is not a network`);
  }
  return { table, byId };
}

/** Per tenant, its banned networks with the instant each ban ends (Infinity: until lifted). */
function buildBans(
  rows: CatalogRows,
  tenants: ReadonlyMap<string, CatalogTenant>,
  problems: string[],
): Map<string, CidrTable<number>> {
  const bans = new Map<string, CidrTable<number>>();
  for (const ban of rows.bans) {
    if (!tenants.has(ban.tenantId)) continue;
    let table = bans.get(ban.tenantId);
    if (table === undefined) bans.set(ban.tenantId, (table = new CidrTable<number>()));
    const endsAt = ban.expiresAt === null ? Infinity : ban.expiresAt.getTime();
    if (!table.add(ban.cidr, endsAt)) problems.push(`banned IP ${ban.id}: ${ban.cidr} is not a network`);
  }
  return bans;
}

function buildVendors(
  rows: readonly VendorRow[],
  trunkRows: readonly VendorTrunkRow[],
  rateCards: ReadonlyMap<string, CatalogRateCard>,
): Map<string, CatalogVendor> {
  const trunks = groupBy(
    trunkRows.filter((trunk) => trunk.enabled).sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id)),
    (trunk) => trunk.vendorId,
  );
  return new Map(
    rows.map((vendor) => [
      vendor.id,
      {
        id: vendor.id,
        tenantId: vendor.tenantId,
        name: vendor.name,
        currency: vendor.currency,
        enabled: vendor.enabled,
        buyRateCardId: vendor.buyRateCardId,
        buyCard: vendor.buyRateCardId === null ? undefined : rateCards.get(vendor.buyRateCardId)?.engine,
        priority: vendor.priority,
        weight: vendor.weight,
        quality: vendor.qualityScore === null ? 0 : vendor.qualityScore.toNumber(),
        blockedPrefixes: [...vendor.blockedPrefixes],
        trunks: (trunks.get(vendor.id) ?? []).map((trunk) => ({
          id: trunk.id,
          name: trunk.name,
          host: trunk.host,
          port: trunk.port,
          transport: trunk.transport,
          stripDigits: trunk.stripDigits,
          addPrefix: trunk.addPrefix,
          maxChannels: trunk.maxChannels,
          timeoutSeconds: trunk.timeoutSeconds,
        })),
      },
    ]),
  );
}

function buildRouting(
  planRows: readonly RoutingPlanRow[],
  ruleRows: readonly RoutingRuleRow[],
  assignmentRows: readonly RoutingAssignmentRow[],
  vendors: ReadonlyMap<string, CatalogVendor>,
): Map<string, PreparedRouting> {
  const rulesByPlan = groupBy(ruleRows, (rule) => rule.routingPlanId);
  const assignments = groupBy(assignmentRows, (row) => `${row.routingPlanId}/${row.prefix}`);
  const routing = new Map<string, PreparedRouting>();
  for (const row of planRows) {
    const plan: CatalogRoutingPlan = {
      id: row.id,
      tenantId: row.tenantId,
      name: row.name,
      strategy: row.strategy,
      marginGuardPercent: row.marginGuardPercent?.toFixed() ?? null,
      marginGuardAmount: row.marginGuardAmount?.toFixed() ?? null,
      allowLoss: row.allowLoss,
      maxVendors: row.maxVendors,
    };
    const offered = (prefix: string) => routeVendors(assignments.get(`${plan.id}/${prefix}`) ?? [], vendors);
    const defaults = offered('');
    const fallback: CatalogRoute = {
      plan,
      matchedPrefix: '',
      prefixRuleId: null,
      strategy: plan.strategy,
      blocked: false,
      vendorSource: 'default',
      ...defaults,
    };
    const rules = new Map<string, CatalogRoute>();
    for (const rule of rulesByPlan.get(plan.id) ?? []) {
      const own = rule.blocked ? { vendors: [], unpriced: [] } : offered(rule.prefix);
      const hasOwn = own.vendors.length + own.unpriced.length > 0;
      rules.set(rule.prefix, {
        plan,
        matchedPrefix: rule.prefix,
        prefixRuleId: rule.id,
        strategy: rule.strategy ?? plan.strategy,
        blocked: rule.blocked,
        vendorSource: hasOwn ? 'prefix' : 'default',
        ...(rule.blocked ? own : hasOwn ? own : defaults),
      });
    }
    const ruleLengths = [...new Set([...rules.keys()].map((prefix) => prefix.length))].sort((a, b) => b - a);
    routing.set(plan.id, { plan, fallback, rules, ruleLengths });
  }
  return routing;
}

/** Assignments of one prefix with their vendor (deleted vendors drop out), by effective priority. */
function routeVendors(
  rows: readonly RoutingAssignmentRow[],
  vendors: ReadonlyMap<string, CatalogVendor>,
): Pick<CatalogRoute, 'vendors' | 'unpriced'> {
  const priced: RouteVendor[] = [];
  const unpriced: CatalogVendor[] = [];
  for (const row of rows) {
    const vendor = vendors.get(row.vendorId);
    if (vendor === undefined) continue;
    if (vendor.buyCard === undefined) {
      unpriced.push(vendor);
      continue;
    }
    priced.push({
      id: vendor.id,
      card: vendor.buyCard,
      enabled: vendor.enabled,
      priority: row.priority ?? vendor.priority,
      weight: row.weight ?? vendor.weight,
      quality: vendor.quality,
      blockedPrefixes: vendor.blockedPrefixes,
      assignmentId: row.id,
      vendor,
    });
  }
  priced.sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
  return { vendors: priced, unpriced };
}

/**
 * A service plan without a routing plan follows the routing of the tenants above its own: the nearest
 * ancestor owning routing plans, and of its plans the oldest (then lowest id). The schema has no
 * per-tenant default routing plan, so this rule stands in for one.
 */
function inheritRouting(
  tenants: ReadonlyMap<string, CatalogTenant>,
  planRows: readonly RoutingPlanRow[],
  routing: ReadonlyMap<string, PreparedRouting>,
): Map<string, PreparedRouting> {
  const oldest = new Map<string, RoutingPlanRow>();
  for (const row of planRows) {
    const current = oldest.get(row.tenantId);
    if (
      current === undefined ||
      row.createdAt.getTime() < current.createdAt.getTime() ||
      (row.createdAt.getTime() === current.createdAt.getTime() && row.id < current.id)
    )
      oldest.set(row.tenantId, row);
  }
  const inherited = new Map<string, PreparedRouting>();
  for (const tenant of tenants.values()) {
    const above = tenant.lineage.slice(0, -1).reverse();
    const source = above.map((id) => oldest.get(id)).find((row) => row !== undefined);
    const prepared = source && routing.get(source.id);
    if (prepared) inherited.set(tenant.id, prepared);
  }
  return inherited;
}

/** Per tenant, its reseller levels up to the owner, nearest first: the order `rateResellerChain` takes. */
function buildResellerChains(
  tenants: ReadonlyMap<string, CatalogTenant>,
  rateCards: ReadonlyMap<string, CatalogRateCard>,
): Map<string, readonly ResellerLevel[]> {
  const chains = new Map<string, readonly ResellerLevel[]>();
  for (const tenant of tenants.values()) {
    const levels: ResellerLevel[] = [];
    for (const id of [...tenant.lineage].reverse()) {
      const level = tenants.get(id);
      if (level === undefined || level.kind !== TenantKind.Reseller) continue;
      const card = level.buyRateCardId === null ? undefined : rateCards.get(level.buyRateCardId)?.engine;
      levels.push({ id: `reseller:${level.id}`, tenantId: level.id, card });
    }
    chains.set(tenant.id, levels);
  }
  return chains;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
