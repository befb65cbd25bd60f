import Decimal from 'decimal.js';
import type { LevelKind, RatedCallLevels, RatedLevel } from './rate-call-levels';

/** `all`: every level the requester prices is priced again; `unrated`: only the levels with no price. */
export type RerateMode = 'all' | 'unrated';

export interface RerateRule {
  readonly mode: RerateMode;
  /** Path of the requester's tenant: it reprices the prices set in its subtree only. */
  readonly requesterPath: string;
}

/**
 * Whether a rerating asked by the tenant at `requesterPath` may set this level's price: the customer's
 * (the CDR is in its subtree), a reseller's strictly below it (whose buy card its own subtree assigns; a
 * reseller's own buy price is its parent's to correct), a vendor's of its subtree (the owner's vendors:
 * the owner only).
 */
export function levelInRerateScope(level: RatedLevel, requesterPath: string): boolean {
  if (level.kind === 'customer') return true;
  if (level.tenantPath === null || !level.tenantPath.startsWith(requesterPath)) return false;
  return level.kind === 'vendor' || level.tenantPath !== requesterPath;
}

const sameParty = (a: { kind: LevelKind; partyId: string }, b: { kind: LevelKind; partyId: string }) =>
  a.kind === b.kind && a.partyId === b.partyId;

/**
 * A CDR's levels after a rerating: each level takes its fresh price (rates in force at the call's
 * start, from the cards as they are now) where the rule allows it and a price was found; any other level
 * keeps what it had, charges included (a rate that vanished never refunds a call). Margins are computed
 * again from the resulting prices, as `rateCallLevels` does.
 */
export function rerateLevels(
  previous: readonly RatedLevel[],
  fresh: RatedCallLevels,
  rule: RerateRule,
): RatedCallLevels {
  const merged: RatedLevel[] = [];
  for (const level of fresh.levels) {
    const before = previous.find((candidate) => sameParty(candidate, level));
    const allowed =
      levelInRerateScope(level, rule.requesterPath) &&
      (rule.mode === 'all' || !before || before.price === null);
    if (allowed && (level.price !== null || !before || before.price === null)) merged.push(level);
    else if (before) merged.push(before);
  }
  // A party no longer on the call's path keeps its level (and its charges) as they were, above the vendor.
  const gone = previous.filter((level) => !fresh.levels.some((candidate) => sameParty(candidate, level)));
  const vendorAt = merged.findIndex((level) => level.kind === 'vendor');
  merged.splice(vendorAt === -1 ? merged.length : vendorAt, 0, ...gone);
  const levels = withMargins(merged);
  const problems = levels.flatMap((level) => (level.price === null && level.problem ? [level.problem] : []));
  const unpriced = levels.some((level) => level.price === null);
  return {
    levels,
    rated: !unpriced,
    unratedReason: unpriced ? problems.join('; ') || 'a level has no price' : null,
  };
}

/** Each level's margin: the price of the level below (what its buyer sells at) minus its own price. */
function withMargins(levels: readonly RatedLevel[]): RatedLevel[] {
  return levels.map((level, index) => {
    const below = index === 0 ? undefined : levels[index - 1];
    const margin =
      below !== undefined && below.price !== null && level.price !== null && below.currency === level.currency
        ? new Decimal(below.price).minus(level.price).toFixed()
        : null;
    return { ...level, margin, problem: level.price === null ? level.problem : null };
  });
}

/** A charged party's level whose price a rerating changed: its ledger must reach −price. */
export interface ChargeChange {
  readonly kind: 'customer' | 'reseller';
  readonly partyId: string;
  readonly currency: string;
  /** What the party's entries for this call must add up to: minus the new price. */
  readonly target: string;
  readonly price: string;
  readonly previousPrice: string | null;
  readonly billedSeconds: number | null;
}

/**
 * The customer and reseller levels whose price differs from before (vendors have no ledger). Levels
 * whose price did not change need nothing: their entries already add up to minus that price, written
 * in the same transaction as it.
 */
export function chargeChanges(
  previous: readonly RatedLevel[],
  rerated: readonly RatedLevel[],
): ChargeChange[] {
  return rerated.flatMap((level): ChargeChange[] => {
    if (level.kind === 'vendor' || level.price === null || level.currency === null) return [];
    const before = previous.find((candidate) => sameParty(candidate, level));
    const previousPrice = before?.price ?? null;
    if (previousPrice !== null && new Decimal(previousPrice).eq(level.price)) return [];
    return [
      {
        kind: level.kind,
        partyId: level.partyId,
        currency: level.currency,
        target: new Decimal(level.price).negated().toFixed(),
        price: level.price,
        previousPrice,
        billedSeconds: level.billedSeconds,
      },
    ];
  });
}
