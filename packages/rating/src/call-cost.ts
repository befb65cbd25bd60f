import { Dec, Money, type Rounding } from './money';
import { assertSeconds, pulsedSeconds } from './pulses';
import { type Rate } from './rate';

/** Seconds `[fromSecond, toSecond)` of a call (counted from its start) priced at `rate.pricePerMinute`. */
export interface PricedSpan {
  readonly rate: Rate;
  readonly fromSecond: number;
  readonly toSecond: number;
}

/** Which rate prices each second of a call: one rate throughout, or one per tariff period. */
export interface PriceTimeline {
  spans(fromSecond: number, toSecond: number): readonly PricedSpan[];
}

export interface CostPart {
  /** Rate whose price per minute applies to these seconds (its `period` names the period). */
  readonly rate: Rate;
  readonly period: string | undefined;
  /** Offset from the call start of the first billed second of the part. */
  readonly fromSecond: number;
  readonly billedSeconds: number;
  /** pricePerMinute × billedSeconds / 60, unrounded. */
  readonly amount: Money;
}

/** Full breakdown of a call's cost; the quote endpoint and the CDR pipeline both return this. */
export interface CallCost {
  /** Rate matched at the call start: its connect fee, intervals, free seconds, thresholds and rounding apply. */
  readonly rate: Rate;
  readonly currency: string;
  readonly durationSeconds: number;
  /** Duration > 0. Unanswered calls cost nothing. */
  readonly answered: boolean;
  /** Answered but shorter than `noChargeBelow`: costs nothing. */
  readonly belowNoCharge: boolean;
  /** Leading seconds not charged. */
  readonly freeSeconds: number;
  /** Duration − free seconds. */
  readonly chargeableSeconds: number;
  /** Chargeable seconds rounded up to the first/next intervals. */
  readonly billedSeconds: number;
  readonly connectFee: Money;
  readonly parts: readonly CostPart[];
  /** Σ parts, unrounded. */
  readonly timeCharge: Money;
  /** Connect fee + time charge was below `minCharge`, so the total is the minimum charge. */
  readonly minChargeApplied: boolean;
  /** max(connect fee + time charge, minCharge), before rounding. */
  readonly unrounded: Money;
  /** `unrounded` rounded once, with the call rate's mode and decimals: the amount billed. */
  readonly total: Money;
  readonly rounding: Rounding;
}

/** Cost of a call priced by one rate throughout. */
export function callCost(rate: Rate, durationSeconds: number): CallCost {
  return costOnTimeline(rate, durationSeconds, flatTimeline(rate));
}

export function flatTimeline(rate: Rate): PriceTimeline {
  return { spans: (fromSecond, toSecond) => [{ rate, fromSecond, toSecond }] };
}

/**
 * Pulses are counted over the whole call with the call rate's conventions; each billed second is then
 * priced by the span it falls in. The time charge is Σ(price × seconds) divided by 60 once, and the
 * total is rounded once.
 */
export function costOnTimeline(rate: Rate, durationSeconds: number, timeline: PriceTimeline): CallCost {
  assertSeconds(durationSeconds, 'durationSeconds');
  const answered = durationSeconds > 0;
  const belowNoCharge = answered && durationSeconds < rate.noChargeBelow;
  if (!answered || belowNoCharge) return freeCall(rate, durationSeconds, answered, belowNoCharge);
  const freeSeconds = Math.min(rate.freeSeconds, durationSeconds);
  const chargeableSeconds = durationSeconds - freeSeconds;
  const billedSeconds = pulsedSeconds(chargeableSeconds, rate.firstInterval, rate.nextInterval);
  const spans = billedSeconds > 0 ? timeline.spans(freeSeconds, freeSeconds + billedSeconds) : [];
  let priceSeconds = new Dec(0);
  for (const span of spans) {
    priceSeconds = priceSeconds.plus(span.rate.pricePerMinute.amount.times(span.toSecond - span.fromSecond));
  }
  const timeCharge = Money.of(priceSeconds.dividedBy(60), rate.currency);
  const raw = rate.connectFee.plus(timeCharge);
  const minChargeApplied = raw.lt(rate.minCharge);
  const unrounded = minChargeApplied ? rate.minCharge : raw;
  return {
    rate,
    currency: rate.currency,
    durationSeconds,
    answered,
    belowNoCharge,
    freeSeconds,
    chargeableSeconds,
    billedSeconds,
    connectFee: rate.connectFee,
    parts: spans.map(toPart),
    timeCharge,
    minChargeApplied,
    unrounded,
    total: unrounded.round(rate.rounding),
    rounding: rate.rounding,
  };
}

function toPart(span: PricedSpan): CostPart {
  const billedSeconds = span.toSecond - span.fromSecond;
  return {
    rate: span.rate,
    period: span.rate.period,
    fromSecond: span.fromSecond,
    billedSeconds,
    amount: span.rate.pricePerMinute.times(billedSeconds).dividedBy(60),
  };
}

function freeCall(rate: Rate, durationSeconds: number, answered: boolean, belowNoCharge: boolean): CallCost {
  const zero = Money.zero(rate.currency);
  return {
    rate,
    currency: rate.currency,
    durationSeconds,
    answered,
    belowNoCharge,
    freeSeconds: 0,
    chargeableSeconds: 0,
    billedSeconds: 0,
    connectFee: zero,
    parts: [],
    timeCharge: zero,
    minChargeApplied: false,
    unrounded: zero,
    total: zero.round(rate.rounding),
    rounding: rate.rounding,
  };
}
