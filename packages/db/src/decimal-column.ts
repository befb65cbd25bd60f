import Decimal from 'decimal.js';
import type { ColumnOptions, ValueTransformer } from 'typeorm';

/**
 * Decimals read from the database: 40 significant digits, so arithmetic on them is never cut to the
 * global `Decimal` precision another module may have configured. Instances are ordinary `Decimal`s.
 */
const ExactDecimal = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -60,
  toExpPos: 60,
});

/** `numeric` strings from PostgreSQL to `Decimal` and back, null-safe. Never goes through a float. */
export const decimalTransformer: ValueTransformer = {
  to: (value: unknown) => toDatabase(value, undefined),
  from: (value: unknown) => fromDatabase(value),
};

/** Amounts: balances, ledger entries, fees, credit limits. Micro-units, as `numeric(20,6)`. */
export function moneyColumn(options: ColumnOptions = {}): ColumnOptions {
  return decimalColumn(20, 6, options);
}

/** Prices per minute and connect fees of rates, which can be below a micro-unit: `numeric(20,8)`. */
export function rateColumn(options: ColumnOptions = {}): ColumnOptions {
  return decimalColumn(20, 8, options);
}

/**
 * A `numeric(precision, scale)` column read and written as `Decimal`. Writing a value with more
 * decimals than the scale throws instead of letting PostgreSQL round it silently: rounding happens
 * once, where a rate card says, never on the way into the database.
 */
export function decimalColumn(precision: number, scale: number, options: ColumnOptions = {}): ColumnOptions {
  return {
    ...options,
    type: 'numeric',
    precision,
    scale,
    transformer: {
      to: (value: unknown) => toDatabase(value, scale),
      from: (value: unknown) => fromDatabase(value),
    },
  };
}

function toDatabase(value: unknown, scale: number | undefined): unknown {
  if (value === null || value === undefined) return value;
  if (!Decimal.isDecimal(value) && typeof value !== 'string') {
    // Numbers are refused (money is never a float); anything else (a FindOperator…) is TypeORM's.
    if (typeof value === 'number')
      throw new TypeError(`Decimal columns take Decimal or string, got ${value}`);
    return value;
  }
  const decimal = new ExactDecimal(value);
  if (!decimal.isFinite()) throw new RangeError(`Not a finite decimal: ${String(value)}`);
  if (scale !== undefined && decimal.decimalPlaces() > scale) {
    throw new RangeError(`${decimal.toFixed()} has more than ${scale} decimals`);
  }
  return decimal.toFixed();
}

function fromDatabase(value: unknown): Decimal | null | undefined {
  if (value === null || value === undefined) return value;
  return new ExactDecimal(value as Decimal.Value);
}
