import { callCost, type CallCost, type RateCard, type Rate } from '@tollgate/rating';

/** Ledger amounts are `numeric(20,6)`: a price with more decimals cannot be posted without rounding again. */
export const LEDGER_DECIMALS = 6;

export type LevelKind = 'customer' | 'reseller' | 'vendor';

/**
 * One price list a call is rated at: the customer's sell price, each reseller's buy price (nearest
 * reseller first), the vendor's cost last. The customer level may carry the rate matched at authorize
 * instead of a card: the price the call was metered at live.
 */
export interface PricingLevel {
  readonly kind: LevelKind;
  /** Account id (customer), reseller tenant id, or vendor id. */
  readonly partyId: string;
  readonly card?: RateCard | undefined;
  readonly rate?: Rate | undefined;
  /** The currency the party's balance is kept in; a price in another currency cannot be posted. */
  readonly currency?: string | undefined;
  /** Why the level has neither card nor rate (e.g. "reseller R has no buy rate card"). */
  readonly missing?: string | undefined;
  /**
   * Path of the tenant whose price this is (a reseller's own, a vendor's tenant): only callers at or
   * above it see the level. Absent for the customer level, which everyone who sees the CDR sees.
   */
  readonly tenantPath?: string | undefined;
}

export interface CallAtLevels {
  /** E.164 digits. */
  readonly destination: string;
  /** The rates in force at this instant (the answer, else the set-up) price the call. */
  readonly ratedAt: Date;
  readonly durationSeconds: number;
}

/** The rate a level used, as kept on the CDR (the rate snapshot). */
export interface RateUsed {
  readonly prefix: string;
  readonly destination: string | null;
  readonly pricePerMinute: string;
  readonly connectFee: string;
  readonly minCharge: string;
  readonly firstInterval: number;
  readonly nextInterval: number;
  readonly freeSeconds: number;
  readonly noChargeBelow: number;
  readonly period: string | null;
}

export interface RatedLevel {
  readonly kind: LevelKind;
  readonly partyId: string;
  readonly tenantPath: string | null;
  /** Exact decimal, rounded once by the level's rate; null when the level could not be rated. */
  readonly price: string | null;
  readonly currency: string | null;
  readonly billedSeconds: number | null;
  readonly rate: RateUsed | null;
  /**
   * What the party buying at this level earns on the call: the price of the level below (what it sells
   * at) minus this price. Null for the customer, or when either price is missing or in another currency.
   */
  readonly margin: string | null;
  readonly problem: string | null;
}

export interface RatedCallLevels {
  readonly levels: readonly RatedLevel[];
  /** Every level has a price. */
  readonly rated: boolean;
  /** Why not, one sentence per level, joined. */
  readonly unratedReason: string | null;
}

/** Rates one call at every level, each with its own card's pulses, fees and rounding. */
export function rateCallLevels(call: CallAtLevels, levels: readonly PricingLevel[]): RatedCallLevels {
  const costs = levels.map((level) => costAt(call, level));
  const rated = costs.map((cost, index): RatedLevel => {
    const level = levels[index] as PricingLevel;
    const below = index === 0 ? undefined : costs[index - 1];
    if (typeof cost === 'string') return { ...unpriced(level), problem: cost, margin: null };
    return {
      kind: level.kind,
      partyId: level.partyId,
      tenantPath: level.tenantPath ?? null,
      price: cost.total.amount.toFixed(),
      currency: cost.currency,
      billedSeconds: cost.billedSeconds,
      rate: rateUsed(cost),
      margin:
        below !== undefined && typeof below !== 'string' && below.currency === cost.currency
          ? below.total.minus(cost.total).amount.toFixed()
          : null,
      problem: null,
    };
  });
  const problems = rated.flatMap((level) => (level.problem === null ? [] : [level.problem]));
  return {
    levels: rated,
    rated: problems.length === 0,
    unratedReason: problems.length ? problems.join('; ') : null,
  };
}

function costAt(call: CallAtLevels, level: PricingLevel): CallCost | string {
  let cost: CallCost | undefined;
  if (level.rate !== undefined) cost = callCost(level.rate, call.durationSeconds);
  else if (level.card !== undefined)
    cost = level.card.rateCall({
      destination: call.destination,
      startedAt: call.ratedAt,
      durationSeconds: call.durationSeconds,
    });
  else return level.missing ?? `${label(level)} has no rate card`;
  if (cost === undefined)
    return `${label(level)}: no rate for ${call.destination} at ${call.ratedAt.toISOString()}`;
  if (level.currency !== undefined && cost.currency !== level.currency)
    return `${label(level)}: the rate is in ${cost.currency}, the balance in ${level.currency}`;
  if (level.currency !== undefined && cost.total.amount.decimalPlaces() > LEDGER_DECIMALS)
    return `${label(level)}: the price ${cost.total.amount.toFixed()} has more than the ledger's ${LEDGER_DECIMALS} decimals`;
  return cost;
}

function unpriced(level: PricingLevel): Omit<RatedLevel, 'problem' | 'margin'> {
  return {
    kind: level.kind,
    partyId: level.partyId,
    tenantPath: level.tenantPath ?? null,
    price: null,
    currency: null,
    billedSeconds: null,
    rate: null,
  };
}

function label(level: PricingLevel): string {
  return `${level.kind} ${level.partyId}`;
}

function rateUsed(cost: CallCost): RateUsed {
  const { rate } = cost;
  return {
    prefix: rate.prefix,
    destination: rate.destination ?? null,
    pricePerMinute: rate.pricePerMinute.amount.toFixed(),
    connectFee: rate.connectFee.amount.toFixed(),
    minCharge: rate.minCharge.amount.toFixed(),
    firstInterval: rate.firstInterval,
    nextInterval: rate.nextInterval,
    freeSeconds: rate.freeSeconds,
    noChargeBelow: rate.noChargeBelow,
    period: cost.parts[0]?.period ?? null,
  };
}
