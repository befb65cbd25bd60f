import Decimal from 'decimal.js';

/**
 * Private decimal constructor: 40 significant digits, so a change to the global `Decimal` config elsewhere
 * in the process can never alter billing math. Every amount in this package is built with it.
 */
export const Dec = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -60,
  toExpPos: 60,
});

export type DecimalValue = string | bigint | Decimal;

/** `up` and `down` are away from / toward zero; the `half-*` modes only differ on exact ties. */
export type RoundingMode = 'up' | 'half-up' | 'half-even' | 'down';

export interface Rounding {
  readonly mode: RoundingMode;
  readonly decimals: number;
}

const DECIMAL_ROUNDING: Record<RoundingMode, Decimal.Rounding> = {
  up: Decimal.ROUND_UP,
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
};

const CURRENCY = /^[A-Z]{3}$/;
const DECIMAL_STRING = /^-?(\d+(\.\d*)?|\.\d+)$/;

export function toDecimal(value: DecimalValue): Decimal {
  if (typeof value === 'string' && !DECIMAL_STRING.test(value.trim())) {
    throw new TypeError(`Not a decimal amount: "${value}"`);
  }
  return new Dec(value);
}

export function assertRounding(rounding: Rounding): Rounding {
  if (!(rounding.mode in DECIMAL_ROUNDING)) throw new RangeError(`Unknown rounding mode "${rounding.mode}"`);
  if (!Number.isInteger(rounding.decimals) || rounding.decimals < 0 || rounding.decimals > 20) {
    throw new RangeError(`Rounding decimals must be an integer in 0..20, got ${rounding.decimals}`);
  }
  return rounding;
}

export function roundDecimal(value: Decimal, rounding: Rounding): Decimal {
  return value.toDecimalPlaces(rounding.decimals, DECIMAL_ROUNDING[rounding.mode]);
}

/** An exact, immutable amount in one currency. Arithmetic across currencies throws. */
export class Money {
  private constructor(
    readonly amount: Decimal,
    readonly currency: string,
  ) {}

  static of(amount: DecimalValue, currency: string): Money {
    if (!CURRENCY.test(currency))
      throw new RangeError(`Currency must be an ISO 4217 code, got "${currency}"`);
    return new Money(toDecimal(amount), currency);
  }

  static zero(currency: string): Money {
    return Money.of('0', currency);
  }

  static max(a: Money, b: Money): Money {
    return a.compare(b) >= 0 ? a : b;
  }

  static sum(currency: string, amounts: readonly Money[]): Money {
    return amounts.reduce((total, m) => total.plus(m), Money.zero(currency));
  }

  plus(other: Money): Money {
    return new Money(this.amount.plus(this.same(other).amount), this.currency);
  }

  minus(other: Money): Money {
    return new Money(this.amount.minus(this.same(other).amount), this.currency);
  }

  /** Numbers are accepted only as exact integers (seconds, counts); fractional factors must be strings. */
  times(factor: number | DecimalValue): Money {
    return new Money(this.amount.times(factorOf(factor)), this.currency);
  }

  dividedBy(divisor: number | DecimalValue): Money {
    return new Money(this.amount.dividedBy(factorOf(divisor)), this.currency);
  }

  round(rounding: Rounding): Money {
    return new Money(roundDecimal(this.amount, rounding), this.currency);
  }

  compare(other: Money): -1 | 0 | 1 {
    return this.amount.comparedTo(this.same(other).amount) as -1 | 0 | 1;
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.amount.equals(other.amount);
  }

  lte(other: Money): boolean {
    return this.compare(other) <= 0;
  }

  lt(other: Money): boolean {
    return this.compare(other) < 0;
  }

  gt(other: Money): boolean {
    return this.compare(other) > 0;
  }

  isZero(): boolean {
    return this.amount.isZero();
  }

  isNegative(): boolean {
    return this.amount.isNegative() && !this.amount.isZero();
  }

  /** Plain decimal notation, all significant digits, never exponent notation. */
  toString(): string {
    return this.amount.toFixed();
  }

  toFixed(decimals: number): string {
    return this.amount.toFixed(decimals, Decimal.ROUND_HALF_EVEN);
  }

  toJSON(): { amount: string; currency: string } {
    return { amount: this.toString(), currency: this.currency };
  }

  private same(other: Money): Money {
    if (other.currency !== this.currency) {
      throw new TypeError(`Currency mismatch: ${this.currency} vs ${other.currency}`);
    }
    return other;
  }
}

function factorOf(value: number | DecimalValue): Decimal {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value))
      throw new TypeError(`Numeric factors must be safe integers, got ${value}`);
    return new Dec(value);
  }
  return toDecimal(value);
}
