import { assertRounding, Money, type DecimalValue, type Rounding } from './money';
import { assertSeconds } from './pulses';

/** E.164 allows 15 digits; longer prefixes could never match a valid number. */
export const MAX_PREFIX_LENGTH = 15;

/** One row of a rate deck, as an operator writes it. Amounts are decimal strings in the card's currency. */
export interface RateInput {
  id?: string;
  /** E.164 digits without `+`; `''` is a catch-all matching every destination. */
  prefix: string;
  destination?: string;
  pricePerMinute: DecimalValue;
  /** Charged once on answered calls. Default 0. */
  connectFee?: DecimalValue;
  /** Seconds billed for the first interval (the first pulse), ≥ 1. */
  firstInterval: number;
  /** Pulse length after the first interval, ≥ 1. */
  nextInterval: number;
  /** Floor for the call total of an answered, chargeable call. Default 0. */
  minCharge?: DecimalValue;
  /** Leading seconds not charged; pulses start after them. Default 0. */
  freeSeconds?: number;
  /** Calls shorter than this cost nothing at all (no connect fee, no minimum). Default 0. */
  noChargeBelow?: number;
  rounding: Rounding;
  /** Rate in force for calls starting at or after this instant. Default: always. */
  effectiveFrom?: Date | string | number;
  /** Rate no longer in force for calls starting at or after this instant (exclusive). Default: never. */
  effectiveTo?: Date | string | number;
  /** Name of a rate-card period; without it the rate applies at any time. */
  period?: string;
}

export interface Rate {
  readonly id: string | undefined;
  readonly prefix: string;
  readonly destination: string | undefined;
  readonly currency: string;
  readonly pricePerMinute: Money;
  readonly connectFee: Money;
  readonly minCharge: Money;
  readonly firstInterval: number;
  readonly nextInterval: number;
  readonly freeSeconds: number;
  readonly noChargeBelow: number;
  readonly rounding: Rounding;
  /** Epoch milliseconds, inclusive; `-Infinity` when open. */
  readonly effectiveFrom: number;
  /** Epoch milliseconds, exclusive; `Infinity` when open. */
  readonly effectiveTo: number;
  readonly period: string | undefined;
}

const DIGITS = /^\d*$/;

/** Everything about a rate except its prefix, name and price: a deck has few distinct combinations. */
interface RateTerms {
  readonly currency: string;
  readonly connectFee: Money;
  readonly minCharge: Money;
  readonly firstInterval: number;
  readonly nextInterval: number;
  readonly freeSeconds: number;
  readonly noChargeBelow: number;
  readonly rounding: Rounding;
  readonly effectiveFrom: number;
  readonly effectiveTo: number;
  readonly period: string | undefined;
}

/**
 * A compiled rate. Its terms object is shared with every rate having the same terms, so a million-row
 * deck costs about a hundred bytes per rate; the getters make this invisible to callers.
 */
class CompiledRate implements Rate {
  constructor(
    readonly id: string | undefined,
    readonly prefix: string,
    readonly destination: string | undefined,
    readonly pricePerMinute: Money,
    private readonly terms: RateTerms,
  ) {}

  get currency(): string {
    return this.terms.currency;
  }
  get connectFee(): Money {
    return this.terms.connectFee;
  }
  get minCharge(): Money {
    return this.terms.minCharge;
  }
  get firstInterval(): number {
    return this.terms.firstInterval;
  }
  get nextInterval(): number {
    return this.terms.nextInterval;
  }
  get freeSeconds(): number {
    return this.terms.freeSeconds;
  }
  get noChargeBelow(): number {
    return this.terms.noChargeBelow;
  }
  get rounding(): Rounding {
    return this.terms.rounding;
  }
  get effectiveFrom(): number {
    return this.terms.effectiveFrom;
  }
  get effectiveTo(): number {
    return this.terms.effectiveTo;
  }
  get period(): string | undefined {
    return this.terms.period;
  }

  toJSON(): Record<string, unknown> {
    const isoOrNull = (ms: number): string | null =>
      Number.isFinite(ms) ? new Date(ms).toISOString() : null;
    return {
      id: this.id,
      prefix: this.prefix,
      destination: this.destination,
      currency: this.currency,
      pricePerMinute: this.pricePerMinute.toString(),
      connectFee: this.connectFee.toString(),
      minCharge: this.minCharge.toString(),
      firstInterval: this.firstInterval,
      nextInterval: this.nextInterval,
      freeSeconds: this.freeSeconds,
      noChargeBelow: this.noChargeBelow,
      rounding: this.rounding,
      effectiveFrom: isoOrNull(this.effectiveFrom),
      effectiveTo: isoOrNull(this.effectiveTo),
      period: this.period,
    };
  }
}

/** Shares identical amounts, terms and destination names between the rates of one card. */
export class RateInterner {
  private readonly amounts = new Map<string, Money>();
  private readonly terms = new Map<string, RateTerms>();
  private readonly names = new Map<string, string>();

  constructor(readonly currency: string) {}

  money(value: DecimalValue | undefined, field: string): Money {
    const key = value === undefined ? '0' : value.toString();
    let money = this.amounts.get(key);
    if (money === undefined) {
      money = Money.of(value ?? '0', this.currency);
      if (money.isNegative()) throw new RangeError(`${field} must not be negative, got ${key}`);
      this.amounts.set(key, money);
    }
    return money;
  }

  name(name: string | undefined): string | undefined {
    if (name === undefined) return undefined;
    const shared = this.names.get(name);
    if (shared !== undefined) return shared;
    this.names.set(name, name);
    return name;
  }

  termsOf(input: RateInput, where: string): RateTerms {
    const effectiveFrom = instant(input.effectiveFrom, -Infinity, `${where}: effectiveFrom`);
    const effectiveTo = instant(input.effectiveTo, Infinity, `${where}: effectiveTo`);
    const { firstInterval, nextInterval, freeSeconds = 0, noChargeBelow = 0, rounding, period } = input;
    const key = [
      input.connectFee ?? '0',
      input.minCharge ?? '0',
      firstInterval,
      nextInterval,
      freeSeconds,
      noChargeBelow,
      rounding.mode,
      rounding.decimals,
      effectiveFrom,
      effectiveTo,
      period ?? '',
    ].join('|');
    let terms = this.terms.get(key);
    if (terms === undefined) {
      if (effectiveTo <= effectiveFrom)
        throw new RangeError(`${where}: effectiveTo must be after effectiveFrom`);
      terms = {
        currency: this.currency,
        connectFee: this.money(input.connectFee, `${where}: connectFee`),
        minCharge: this.money(input.minCharge, `${where}: minCharge`),
        firstInterval: assertSeconds(firstInterval, `${where}: firstInterval`, 1),
        nextInterval: assertSeconds(nextInterval, `${where}: nextInterval`, 1),
        freeSeconds: assertSeconds(freeSeconds, `${where}: freeSeconds`),
        noChargeBelow: assertSeconds(noChargeBelow, `${where}: noChargeBelow`),
        rounding: assertRounding(Object.freeze({ mode: rounding.mode, decimals: rounding.decimals })),
        effectiveFrom,
        effectiveTo,
        period,
      };
      this.terms.set(key, terms);
    }
    return terms;
  }
}

export function createRate(input: RateInput, currency: string, interner = new RateInterner(currency)): Rate {
  const where = `rate ${input.id ?? input.prefix}`;
  if (!DIGITS.test(input.prefix) || input.prefix.length > MAX_PREFIX_LENGTH) {
    throw new RangeError(`${where}: prefix must be 0..${MAX_PREFIX_LENGTH} digits, got "${input.prefix}"`);
  }
  return new CompiledRate(
    input.id,
    input.prefix,
    interner.name(input.destination),
    interner.money(input.pricePerMinute, `${where}: pricePerMinute`),
    interner.termsOf(input, where),
  );
}

export function instant(value: Date | string | number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid instant: ${String(value)}`);
  return ms;
}

export function isInForce(rate: Rate, atMs: number): boolean {
  return rate.effectiveFrom <= atMs && atMs < rate.effectiveTo;
}
