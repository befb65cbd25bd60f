import Decimal from 'decimal.js';

/**
 * Private decimal constructor (40 significant digits): a change to the global `Decimal` configuration
 * elsewhere in the process can never alter an amount read from or written to a pool.
 */
export const ExactDecimal = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -60,
  toExpPos: 60,
});

/** Pool amounts (balances, credit limits, reservations, charges): micro-units, like `numeric(20,6)`. */
export const MONEY_DECIMALS = 6;

/** Rate prices, connect fees and minimum charges in the scripts: 1e-8 units, like `numeric(20,8)`. */
export const RATE_DECIMALS = 8;

/**
 * Largest magnitude the Lua scripts compute with. Lua numbers are doubles, exact for integers below
 * 2^53; staying below 2^52 keeps every product and remainder of the cost division exact too.
 */
export const EXACT_LIMIT = 2n ** 52n;

export type DecimalInput = Decimal | string;

/**
 * An exact decimal as an integer count of 10^-decimals units. A value with more decimals is refused,
 * never rounded: rounding happens once, where a rate card says, not on the way into Redis.
 */
export function toUnits(value: DecimalInput, decimals: number, what: string): bigint {
  let decimal: Decimal;
  try {
    decimal = new ExactDecimal(value);
  } catch {
    throw new RangeError(`${what} is not a decimal amount: ${String(value)}`);
  }
  if (!decimal.isFinite()) throw new RangeError(`${what} is not a finite amount: ${String(value)}`);
  if (decimal.decimalPlaces() > decimals) {
    throw new RangeError(`${what} has more than ${decimals} decimals: ${decimal.toFixed()}`);
  }
  const units = BigInt(decimal.times(new ExactDecimal(10).pow(decimals)).toFixed(0));
  if (units >= EXACT_LIMIT || units <= -EXACT_LIMIT) {
    throw new RangeError(
      `${what} is beyond the exact range of the credit pool scripts: ${decimal.toFixed()}`,
    );
  }
  return units;
}

export const toMicro = (value: DecimalInput, what: string): bigint => toUnits(value, MONEY_DECIMALS, what);

/** Micro-units as written by the scripts (an integer string) back to an exact decimal amount. */
export function fromMicro(micro: string | bigint): Decimal {
  return new ExactDecimal(micro.toString()).dividedBy(10 ** MONEY_DECIMALS);
}
