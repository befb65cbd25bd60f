import { callCost } from './call-cost';
import { type DecimalValue, type Money } from './money';
import { normalizeDestination } from './normalize-destination';
import { instant, type Rate } from './rate';
import { type RateCard } from './rate-card';
import { compareScaled, scaledOf, unitsAt, type ScaledInteger } from './scaled-integer';

/**
 * `lcr`: cheapest buy price first. `mcr`: most expensive first (cost as a proxy for quality), then
 * higher `quality`. `priority`: lowest `priority` number first. `weighted`: random order drawn in
 * proportion to `weight`, reproducible for a given seed.
 */
export type RoutingStrategy = 'lcr' | 'mcr' | 'priority' | 'weighted';

export interface Vendor {
  id: string;
  /** The vendor's buy rates. */
  card: RateCard;
  /** Default true. */
  enabled?: boolean;
  /** Lower first; default last. Tie-break for every strategy. */
  priority?: number;
  /** Share for `weighted`, ≥ 0; default 1. */
  weight?: number;
  /** Higher first; tie-break for `mcr`. Default 0. */
  quality?: number;
  /** Destinations this vendor must not carry. */
  blockedPrefixes?: readonly string[];
}

export interface MarginGuard {
  /** The customer's (sell) rate for the destination. */
  sell: Rate;
  /** Minimum margin as a percentage of the sell price, e.g. `'10'`. */
  minPercent?: DecimalValue;
  /** Minimum margin on the compared amount (per minute, or per reference call). */
  minAmount?: DecimalValue;
}

export interface VendorOrderingRequest {
  destination: string;
  /** Call start: selects each vendor's rates in force and period. */
  at: Date | number;
  vendors: readonly Vendor[];
  strategy: RoutingStrategy;
  /** Seed of the `weighted` draw. Default 0. */
  seed?: number | string;
  /**
   * Compare the total cost of a call of this many seconds (connect fee and pulses included) instead of
   * the price per minute.
   */
  referenceSeconds?: number;
  marginGuard?: MarginGuard;
  /** Destinations nobody may carry. */
  blockedPrefixes?: readonly string[];
}

export interface VendorRoute {
  readonly vendor: Vendor;
  /** The vendor's rate for its longest matching prefix. */
  readonly rate: Rate;
  /** Compared amount: price per minute, or total of the reference call. */
  readonly cost: Money;
  /** Sell minus cost on the same basis, when a margin guard is given. */
  readonly margin: Money | undefined;
}

export type ExclusionReason = 'disabled' | 'blocked' | 'no-rate' | 'above-sell' | 'below-margin';

export interface VendorExclusion {
  readonly vendorId: string;
  readonly reason: ExclusionReason;
}

export interface VendorOrdering {
  /** Normalised destination, undefined when it is not a dialable number. */
  readonly destination: string | undefined;
  /** The destination matches a globally blocked prefix. */
  readonly blocked: boolean;
  readonly routes: readonly VendorRoute[];
  readonly excluded: readonly VendorExclusion[];
}

export function orderVendors(request: VendorOrderingRequest): VendorOrdering {
  const destination = normalizeDestination(request.destination);
  const blocked = destination !== undefined && isBlocked(destination, request.blockedPrefixes);
  if (destination === undefined || blocked) {
    const reason = blocked ? 'blocked' : 'no-rate';
    return {
      destination,
      blocked,
      routes: [],
      excluded: request.vendors.map((v) => ({ vendorId: v.id, reason })),
    };
  }
  const routes: VendorRoute[] = [];
  const excluded: VendorExclusion[] = [];
  for (const vendor of request.vendors) {
    const route = routeFor(vendor, destination, request);
    if (typeof route === 'string') excluded.push({ vendorId: vendor.id, reason: route });
    else routes.push(route);
  }
  return { destination, blocked, routes: sortRoutes(routes, request), excluded };
}

function routeFor(
  vendor: Vendor,
  digits: string,
  request: VendorOrderingRequest,
): VendorRoute | ExclusionReason {
  if (vendor.enabled === false) return 'disabled';
  if (isBlocked(digits, vendor.blockedPrefixes)) return 'blocked';
  const rate = vendor.card.lookupDigits(digits, instant(request.at, NaN, 'at'));
  if (rate === undefined) return 'no-rate';
  const cost = comparedAmount(rate, request.referenceSeconds);
  const guard = request.marginGuard;
  if (guard === undefined) return { vendor, rate, cost, margin: undefined };
  const sell = comparedAmount(guard.sell, request.referenceSeconds);
  if (sell.currency !== cost.currency) sell.minus(cost); // throws, as Money does for different currencies
  const exclusion = marginExclusion(scaledOf(sell.amount), scaledOf(cost.amount), guard);
  if (exclusion !== undefined) return exclusion;
  // The margin itself is a decimal only a caller that looks at it pays for.
  let margin: Money | undefined;
  return {
    vendor,
    rate,
    cost,
    get margin(): Money {
      return (margin ??= sell.minus(cost));
    },
  };
}

/**
 * The margin guard in exact integers (sell − cost against the minimum amount, and 100 × margin against
 * sell × minimum percentage), what the same comparisons in decimals would decide.
 */
function marginExclusion(
  sell: ScaledInteger,
  cost: ScaledInteger,
  guard: MarginGuard,
): ExclusionReason | undefined {
  const scale = Math.max(sell.scale, cost.scale);
  const margin = { units: unitsAt(sell, scale) - unitsAt(cost, scale), scale };
  if (margin.units < 0n) return 'above-sell';
  if (guard.minAmount !== undefined && compareScaled(margin, scaledOf(guard.minAmount)) < 0)
    return 'below-margin';
  if (guard.minPercent !== undefined) {
    const percent = scaledOf(guard.minPercent);
    const product = { units: sell.units * percent.units, scale: sell.scale + percent.scale };
    if (compareScaled({ units: margin.units * 100n, scale: margin.scale }, product) < 0)
      return 'below-margin';
  }
  return undefined;
}

function comparedAmount(rate: Rate, referenceSeconds: number | undefined): Money {
  return referenceSeconds === undefined ? rate.pricePerMinute : callCost(rate, referenceSeconds).total;
}

function isBlocked(digits: string, prefixes: readonly string[] | undefined): boolean {
  return prefixes !== undefined && prefixes.some((prefix) => digits.startsWith(prefix));
}

type RouteOrder = (a: VendorRoute, b: VendorRoute) => number;

// Money.compare for different currencies throws: left to it.
const byCost: RouteOrder = (a, b) =>
  a.cost.currency === b.cost.currency
    ? compareScaled(scaledOf(a.cost.amount), scaledOf(b.cost.amount))
    : a.cost.compare(b.cost);
const byPriority: RouteOrder = (a, b) =>
  (a.vendor.priority ?? Infinity) - (b.vendor.priority ?? Infinity) || 0;
const byQuality: RouteOrder = (a, b) => (b.vendor.quality ?? 0) - (a.vendor.quality ?? 0);
const byId: RouteOrder = (a, b) => (a.vendor.id < b.vendor.id ? -1 : a.vendor.id > b.vendor.id ? 1 : 0);

function sortRoutes(routes: VendorRoute[], request: VendorOrderingRequest): VendorRoute[] {
  const order = (...orders: RouteOrder[]): RouteOrder => {
    return (a, b) => orders.reduce((result, compare) => result || compare(a, b), 0);
  };
  switch (request.strategy) {
    case 'lcr':
      return routes.sort(order(byCost, byPriority, byId));
    case 'mcr':
      return routes.sort(order((a, b) => byCost(b, a), byQuality, byPriority, byId));
    case 'priority':
      return routes.sort(order(byPriority, byCost, byId));
    case 'weighted':
      return weightedOrder(routes, request.seed ?? 0);
    default:
      throw new RangeError(`Unknown routing strategy "${String(request.strategy)}"`);
  }
}

/**
 * Weighted random order without replacement (Efraimidis–Spirakis): each vendor draws u in (0, 1) from a
 * hash of (seed, vendor id) and vendors are sorted by −ln(u)/weight, so vendor i comes first with
 * probability weight_i / Σ weights and the order does not depend on the input order.
 */
function weightedOrder(routes: VendorRoute[], seed: number | string): VendorRoute[] {
  const keyed = routes.map((route) => {
    const weight = route.vendor.weight ?? 1;
    if (!(weight >= 0) || !Number.isFinite(weight))
      throw new RangeError(`Vendor ${route.vendor.id}: bad weight`);
    const draw = (hash32(`${String(seed)}\u0000${route.vendor.id}`) + 0.5) / 4294967296;
    return { route, key: weight === 0 ? Infinity : -Math.log(draw) / weight };
  });
  keyed.sort((a, b) => a.key - b.key || byId(a.route, b.route));
  return keyed.map((k) => k.route);
}

/** FNV-1a with a murmur3 finaliser: well spread 32-bit values from short strings. */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
