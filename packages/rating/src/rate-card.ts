import {
  costOnTimeline,
  flatTimeline,
  type CallCost,
  type PricedSpan,
  type PriceTimeline,
} from './call-cost';
import { tariffMaxDuration, type MaxDurationOptions } from './max-duration';
import { type Money } from './money';
import { normalizeDestination } from './normalize-destination';
import { PeriodSchedule, type PeriodScheduleInput } from './periods';
import { PrefixIndex } from './prefix-lookup';
import {
  createRate,
  instant,
  isInForce,
  MAX_PREFIX_LENGTH,
  RateInterner,
  type Rate,
  type RateInput,
} from './rate';
import { type Tariff } from './tariff';

export interface RateCardInput extends PeriodScheduleInput {
  id?: string;
  /** ISO 4217 code of every amount on the card. */
  currency: string;
  rates: Iterable<RateInput>;
}

export interface CallToRate {
  /** Dialled destination: E.164 digits, `+…`, `00…` or a `sip:`/`tel:` URI. */
  destination: string;
  /** Answer time: selects the rates in force and the period of each second. */
  startedAt: Date | number;
  durationSeconds: number;
}

export interface RatedCall extends CallCost {
  /** Normalised E.164 digits. */
  readonly destination: string;
  readonly startedAt: Date;
}

/**
 * A rate deck with its time zone, periods and holidays, compiled once for lookups in O(prefix length).
 *
 * Rate selection for a destination at an instant: among rates in force at the call start
 * (effectiveFrom ≤ start < effectiveTo) whose period is the one in force or who have no period, the
 * longest prefix wins; on the same prefix a period rate beats a period-less one, then the latest
 * effectiveFrom, then the earlier row.
 */
export class RateCard {
  private readonly keys = new Float64Array(MAX_PREFIX_LENGTH + 1);
  /** Period of the lookup in progress, read from the schedule only once a period rate is met. */
  private periodInstant = NaN;
  private periodKnown = false;
  private period: string | undefined;
  /** Keeps the prefetch loads observable so the compiler cannot drop them. */
  private prefetchSink = 0;

  private constructor(
    readonly id: string | undefined,
    readonly currency: string,
    readonly schedule: PeriodSchedule,
    readonly rates: readonly Rate[],
    private readonly index: PrefixIndex,
  ) {}

  static build(input: RateCardInput): RateCard {
    const schedule = new PeriodSchedule(input);
    const interner = new RateInterner(input.currency);
    const rates: Rate[] = [];
    for (const row of input.rates) {
      const rate = createRate(row, input.currency, interner);
      if (rate.period !== undefined && !schedule.names.has(rate.period)) {
        throw new RangeError(`rate ${rate.id ?? rate.prefix}: unknown period "${rate.period}"`);
      }
      rates.push(rate);
    }
    return new RateCard(
      input.id,
      input.currency,
      schedule,
      rates,
      PrefixIndex.build(rates.map((r) => r.prefix)),
    );
  }

  /** Distinct prefixes on the card. */
  get prefixCount(): number {
    return this.index.prefixCount;
  }

  /** Bytes of the lookup structure (typed arrays), excluding the rate objects. */
  get indexByteSize(): number {
    return this.index.byteSize;
  }

  /** The rate for a destination at an instant (period read at that instant), or undefined. */
  lookup(destination: string, at: Date | number): Rate | undefined {
    const digits = normalizeDestination(destination);
    if (digits === undefined) return undefined;
    return this.lookupDigits(digits, instant(at, NaN, 'lookup instant'));
  }

  /** The rate for normalised E.164 digits at an instant in epoch milliseconds. */
  lookupDigits(digits: string, atMs: number): Rate | undefined {
    this.periodKnown = false;
    this.periodInstant = atMs;
    return this.select(digits, atMs);
  }

  /** The rate for E.164 digits among rates in force at `effectiveAt`, for an explicit period. */
  lookupInPeriod(digits: string, effectiveAt: number, period: string | undefined): Rate | undefined {
    this.periodKnown = true;
    this.period = period;
    return this.select(digits, effectiveAt);
  }

  /** The price of a call to `destination` answered at `startedAt`, as a function of its duration. */
  tariff(destination: string, startedAt: Date | number): Tariff | undefined {
    const digits = normalizeDestination(destination);
    if (digits === undefined) return undefined;
    const startMs = instant(startedAt, NaN, 'startedAt');
    const rate = this.lookupDigits(digits, startMs);
    if (rate === undefined) return undefined;
    const uniform = !this.schedule.hasPeriods || !this.pathHasPeriods(digits);
    const timeline = uniform ? flatTimeline(rate) : new PeriodTimeline(this, digits, startMs, rate);
    return {
      rate,
      currency: this.currency,
      uniform,
      cost: (seconds) => costOnTimeline(rate, seconds, timeline),
    };
  }

  /** Cost of a call with its full breakdown, or undefined when no rate applies at its start. */
  rateCall(call: CallToRate): RatedCall | undefined {
    const tariff = this.tariff(call.destination, call.startedAt);
    if (tariff === undefined) return undefined;
    const destination = normalizeDestination(call.destination) as string;
    return { ...tariff.cost(call.durationSeconds), destination, startedAt: new Date(call.startedAt) };
  }

  /** Longest affordable duration of a call starting now, or undefined when no rate applies. */
  maxDuration(
    call: Omit<CallToRate, 'durationSeconds'> & { credit: Money },
    options?: MaxDurationOptions,
  ): number | undefined {
    const tariff = this.tariff(call.destination, call.startedAt);
    return tariff && tariffMaxDuration(tariff, call.credit, options);
  }

  /** Whether any rate on a prefix of `digits` belongs to a period (so the price may change mid-call). */
  private pathHasPeriods(digits: string): boolean {
    const lengths = this.index.keysOf(digits, this.keys);
    for (let length = 0; length < lengths; length++) {
      const entry = this.index.hasLength(length) ? this.index.entry(this.keys[length] as number) : 0;
      if (this.ratesOf(entry).some((rate) => rate.period !== undefined)) return true;
    }
    return false;
  }

  private ratesOf(entry: number): Rate[] {
    if (entry === 0) return [];
    if (entry > 0) return [this.rates[entry - 1] as Rate];
    const rates: Rate[] = [];
    const bucket = -entry - 1;
    for (let at = this.index.bucketBegin(bucket); at < this.index.bucketEnd(bucket); at++) {
      rates.push(this.rates[this.index.itemAt(at)] as Rate);
    }
    return rates;
  }

  /** Longest prefix first; the first length with an applicable rate decides. */
  private select(digits: string, effectiveAt: number): Rate | undefined {
    const lengths = this.index.keysOf(digits, this.keys);
    this.prefetchSink = this.index.prefetch(this.keys, lengths);
    for (let length = lengths - 1; length >= 0; length--) {
      if (!this.index.hasLength(length)) continue;
      const entry = this.index.entry(this.keys[length] as number);
      if (entry === 0) continue;
      const rate =
        entry > 0
          ? this.applicable(this.rates[entry - 1] as Rate, effectiveAt)
          : this.bestInBucket(-entry - 1, effectiveAt);
      if (rate !== undefined) return rate;
    }
    return undefined;
  }

  private applicable(rate: Rate, effectiveAt: number): Rate | undefined {
    if (!isInForce(rate, effectiveAt)) return undefined;
    return rate.period === undefined || rate.period === this.currentPeriod() ? rate : undefined;
  }

  private bestInBucket(bucket: number, effectiveAt: number): Rate | undefined {
    let best: Rate | undefined;
    for (let at = this.index.bucketBegin(bucket); at < this.index.bucketEnd(bucket); at++) {
      const rate = this.applicable(this.rates[this.index.itemAt(at)] as Rate, effectiveAt);
      if (rate !== undefined && (best === undefined || preferred(rate, best))) best = rate;
    }
    return best;
  }

  private currentPeriod(): string | undefined {
    if (!this.periodKnown) {
      this.period = this.schedule.periodAt(this.periodInstant);
      this.periodKnown = true;
    }
    return this.period;
  }
}

function preferred(candidate: Rate, best: Rate): boolean {
  const candidateHasPeriod = candidate.period !== undefined;
  if (candidateHasPeriod !== (best.period !== undefined)) return candidateHasPeriod;
  return candidate.effectiveFrom > best.effectiveFrom;
}

/**
 * Prices each second by the card's rate for the period that second starts in, among rates in force at
 * the call start; a period with no rate for the destination keeps the call rate's price.
 */
class PeriodTimeline implements PriceTimeline {
  private readonly ratesByPeriod = new Map<string | undefined, Rate>();

  constructor(
    private readonly card: RateCard,
    private readonly digits: string,
    private readonly startMs: number,
    private readonly callRate: Rate,
  ) {}

  spans(fromSecond: number, toSecond: number): readonly PricedSpan[] {
    const spans: PricedSpan[] = [];
    for (const segment of this.card.schedule.segments(this.startMs, fromSecond, toSecond)) {
      const rate = this.rateFor(segment.period);
      const last = spans[spans.length - 1];
      if (last !== undefined && last.rate === rate)
        spans[spans.length - 1] = { ...last, toSecond: segment.toSecond };
      else spans.push({ rate, fromSecond: segment.fromSecond, toSecond: segment.toSecond });
    }
    return spans;
  }

  private rateFor(period: string | undefined): Rate {
    let rate = this.ratesByPeriod.get(period);
    if (rate === undefined) {
      rate = this.card.lookupInPeriod(this.digits, this.startMs, period) ?? this.callRate;
      this.ratesByPeriod.set(period, rate);
    }
    return rate;
  }
}
