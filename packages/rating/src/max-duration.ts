import { Money } from './money';
import { assertSeconds } from './pulses';
import { type Rate } from './rate';
import { type Tariff } from './tariff';

/** Upper bound of every max-duration answer unless `maxSeconds` says otherwise: one day. */
export const DEFAULT_MAX_SECONDS = 86_400;

export interface MaxDurationOptions {
  /** Cap on the answer (a free destination would otherwise be unlimited). Default 86 400. */
  maxSeconds?: number;
}

/** A call already up on a shared credit pool. */
export interface PoolCall {
  readonly tariff: Tariff;
  /** Seconds since answer; the pool has already paid `tariff.cost(elapsedSeconds).total`. */
  readonly elapsedSeconds: number;
}

export interface PoolMaxDuration {
  /** Further seconds all calls can continue together before the pool cannot pay the next pulse. */
  readonly seconds: number;
  /** Further seconds each call could continue if it had the whole pool to itself. */
  readonly perCall: readonly number[];
}

/**
 * Longest duration whose cost fits `credit`, for a call priced by one rate: the largest D ≤ maxSeconds
 * with cost(D) ≤ credit, so cost(D) ≤ credit < cost(D + 1). Solved over whole pulses, not seconds.
 */
export function maxDuration(rate: Rate, credit: Money, options: MaxDurationOptions = {}): number {
  const cap = capOf(options);
  if (credit.isNegative()) return 0;
  const { freeSeconds, firstInterval, nextInterval, noChargeBelow } = rate;
  const costOfBilled = (billed: number): Money =>
    Money.max(rate.minCharge, rate.connectFee.plus(rate.pricePerMinute.times(billed).dividedBy(60))).round(
      rate.rounding,
    );
  // Durations below noChargeBelow cost nothing; up to freeSeconds only the connect fee / minimum.
  let longest = Math.max(0, noChargeBelow - 1);
  if (costOfBilled(0).lte(credit)) longest = Math.max(longest, freeSeconds);
  const pulseEnd = (pulses: number): number => freeSeconds + firstInterval + pulses * nextInterval;
  const affordable = (pulses: number): boolean =>
    pulseEnd(pulses) < noChargeBelow || costOfBilled(firstInterval + pulses * nextInterval).lte(credit);
  const lastPulse = Math.max(0, Math.ceil((cap - freeSeconds - firstInterval) / nextInterval));
  const pulses = largestTrue(0, lastPulse, affordable, estimatePulses(rate, credit, lastPulse));
  if (pulses >= 0) longest = Math.max(longest, pulseEnd(pulses));
  return Math.min(longest, cap);
}

/** Longest affordable duration for any tariff (periods included), by search on the exact cost. */
export function tariffMaxDuration(tariff: Tariff, credit: Money, options: MaxDurationOptions = {}): number {
  if (tariff.uniform) return maxDuration(tariff.rate, credit, options);
  if (credit.isNegative()) return 0;
  return largestTrue(0, capOf(options), (seconds) => tariff.cost(seconds).total.lte(credit));
}

/**
 * Calls drawing on one pool: the largest t such that the calls' further costs from their elapsed
 * seconds to elapsed + t, summed, fit `credit` (the pool's balance now).
 */
export function poolMaxDuration(
  credit: Money,
  calls: readonly PoolCall[],
  options: MaxDurationOptions = {},
): PoolMaxDuration {
  const cap = capOf(options);
  const paid = calls.map(
    (call) => call.tariff.cost(assertSeconds(call.elapsedSeconds, 'elapsedSeconds')).total,
  );
  const further = (index: number, seconds: number): Money => {
    const call = calls[index] as PoolCall;
    return call.tariff.cost(call.elapsedSeconds + seconds).total.minus(paid[index] as Money);
  };
  const fits = (seconds: number): boolean =>
    calls.reduce((sum, _, i) => sum.plus(further(i, seconds)), Money.zero(credit.currency)).lte(credit);
  if (credit.isNegative()) return { seconds: 0, perCall: calls.map(() => 0) };
  return {
    seconds: largestTrue(0, cap, fits),
    perCall: calls.map((_, i) => largestTrue(0, cap, (seconds) => further(i, seconds).lte(credit))),
  };
}

/** First guess from the unrounded price; the exact predicate decides. */
function estimatePulses(rate: Rate, credit: Money, lastPulse: number): number {
  if (rate.pricePerMinute.isZero()) return lastPulse;
  const seconds = credit.minus(rate.connectFee).times(60).amount.dividedBy(rate.pricePerMinute.amount);
  const pulses = seconds.minus(rate.firstInterval).dividedBy(rate.nextInterval).floor().toNumber();
  return Math.min(lastPulse, Math.max(0, pulses));
}

/**
 * Largest x in [low, high] with `holds(x)`, for a predicate true up to some point and false after;
 * low − 1 when it never holds. With a `guess`, gallops out from it before bisecting.
 */
export function largestTrue(
  low: number,
  high: number,
  holds: (x: number) => boolean,
  guess?: number,
): number {
  let yes = low - 1;
  let no = high + 1;
  if (guess !== undefined && low <= high) {
    const probe = Math.min(high, Math.max(low, guess));
    const upward = holds(probe);
    if (upward) yes = probe;
    else no = probe;
    for (let step = 1; ; step *= 2) {
      const next = upward ? yes + step : no - step;
      if (next >= no || next <= yes) break;
      const held = holds(next);
      if (held) yes = next;
      else no = next;
      if (held !== upward) break;
    }
  }
  while (no - yes > 1) {
    const middle = Math.floor((yes + no) / 2);
    if (holds(middle)) yes = middle;
    else no = middle;
  }
  return yes;
}

function capOf(options: MaxDurationOptions): number {
  return assertSeconds(options.maxSeconds ?? DEFAULT_MAX_SECONDS, 'maxSeconds');
}
