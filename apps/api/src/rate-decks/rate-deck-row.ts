import Decimal from 'decimal.js';
import { RoundingMode } from '@tollgate/db';
import type { TimeZoneClock } from '@tollgate/rating';
import type { SpreadsheetCell } from '../uploads/spreadsheet-reader';
import type { ColumnPositions, RateDeckField } from './rate-deck-columns';

/** A cell as the readers give it: CSV cells are text, XLSX cells may be numbers or dates. */
export type RateDeckCell = SpreadsheetCell;

/** A row that passed every check of its own, ready for the staging table. */
export interface StagedRate {
  line: number;
  prefix: string;
  periodId: string | null;
  effectiveFrom: Date;
  /** The file gave effective_from; otherwise it is the import's date. */
  explicitFrom: boolean;
  effectiveTo: Date | null;
  destination: string;
  pricePerMinute: string;
  connectFee: string;
  firstInterval: number;
  nextInterval: number;
  minCharge: string;
  freeSeconds: number;
  noChargeBelowSeconds: number;
  roundingMode: RoundingMode;
  roundingDecimals: number;
}

export interface RowProblem {
  line: number;
  field: RateDeckField | 'file';
  reason: string;
  value: string | null;
}

export interface RowContext {
  positions: ColumnPositions;
  /** The card's periods by lower-case name. */
  periodIds: ReadonlyMap<string, string>;
  /** The import's effective date: where rows without effective_from start. */
  effectiveFrom: Date;
  localTime: TimeZoneClock;
}

const ONE_DAY = 86_400;
/** Sign, leading zeros, the rest of the whole part, the fraction: one match instead of four passes. */
const DECIMAL = /^(-?)(?=\d)(0*)(\d*)(?:\.(\d+))?$/;
const ROUNDING_MODES = new Set<string>(Object.values(RoundingMode));
export const DEFAULT_ROUNDING_MODE = RoundingMode.HalfUp;
export const DEFAULT_ROUNDING_DECIMALS = 4;

/** Checks one data row; answers the rate or every problem it has (one per field). */
export function parseRateDeckRow(
  line: number,
  cells: readonly RateDeckCell[],
  context: RowContext,
): StagedRate | RowProblem[] {
  const problems: RowProblem[] = [];
  const text = (field: RateDeckField): string => {
    const position = context.positions[field];
    return position === undefined ? '' : cellText(cells[position]);
  };
  const fail = (field: RateDeckField, reason: string): undefined => {
    problems.push({ line, field, reason, value: text(field).slice(0, 200) || null });
    return undefined;
  };

  const prefix = text('prefix');
  if (!/^\d{0,15}$/.test(prefix)) fail('prefix', "must be up to 15 digits without '+' ('' is a catch-all)");
  const destination = text('destination');
  if (destination === '') fail('destination', 'is empty');
  else if (destination.length > 200) fail('destination', 'is longer than 200 characters');

  const decimal = (field: RateDeckField, decimals: number, fallback: string | undefined) => {
    const value = decimalText(text(field));
    if (value === '' && fallback !== undefined) return fallback;
    if (value === '') return fail(field, 'is empty');
    const parts = DECIMAL.exec(value);
    if (!parts) return fail(field, 'is not a decimal number, e.g. 0.0125');
    const [, sign, zeros, whole = '', fraction = ''] = parts;
    if (sign) return fail(field, 'must not be negative');
    if (fraction.length > decimals) return fail(field, `has more than ${decimals} decimals`);
    if ((whole || zeros!.slice(-1)).length > 20 - decimals) return fail(field, 'is too large');
    return value;
  };
  const pricePerMinute = decimal('pricePerMinute', 8, undefined);
  const connectFee = decimal('connectFee', 8, '0');
  const minCharge = decimal('minCharge', 6, '0');

  const integer = (field: RateDeckField, min: number, max: number, fallback: number | undefined) => {
    const value = text(field);
    if (value === '' && fallback !== undefined) return fallback;
    if (!/^\d+$/.test(value)) return fail(field, `must be a whole number from ${min} to ${max}`);
    const number = Number(value);
    if (number < min || number > max) return fail(field, `must be from ${min} to ${max}`);
    return number;
  };
  const firstInterval = integer('firstInterval', 1, ONE_DAY, undefined);
  const nextInterval = integer('nextInterval', 1, ONE_DAY, undefined);
  const freeSeconds = integer('freeSeconds', 0, ONE_DAY, 0);
  const noChargeBelowSeconds = integer('noChargeBelowSeconds', 0, ONE_DAY, 0);
  const roundingDecimals = integer('roundingDecimals', 0, 6, DEFAULT_ROUNDING_DECIMALS);

  const modeText = text('roundingMode').toLowerCase();
  const roundingMode = modeText === '' ? DEFAULT_ROUNDING_MODE : (modeText as RoundingMode);
  if (!ROUNDING_MODES.has(roundingMode))
    fail('roundingMode', `must be one of ${[...ROUNDING_MODES].join(', ')}`);

  const periodName = text('period');
  const periodId = periodName === '' ? null : (context.periodIds.get(periodName.toLowerCase()) ?? null);
  if (periodName !== '' && periodId === null) fail('period', 'is not a period of this rate card');

  const instant = (field: RateDeckField): Date | null | undefined => {
    const position = context.positions[field];
    const cell = position === undefined ? null : cells[position];
    if (cell instanceof Date) return context.localTime.instantOf(cell.getTime());
    const value = cellText(cell);
    if (value === '') return null;
    return (
      parseInstant(value, context.localTime) ??
      fail(field, 'is not a date, e.g. 2027-01-01 or 2027-01-01T00:00:00Z')
    );
  };
  const givenFrom = instant('effectiveFrom');
  const effectiveFrom = givenFrom ?? context.effectiveFrom;
  const effectiveTo = instant('effectiveTo');
  if (effectiveTo && givenFrom !== undefined && effectiveTo <= effectiveFrom)
    fail('effectiveTo', `must be after the rate's start (${effectiveFrom.toISOString()})`);

  if (problems.length > 0) return problems;
  return {
    line,
    prefix,
    periodId,
    effectiveFrom,
    explicitFrom: givenFrom !== null,
    effectiveTo: effectiveTo ?? null,
    destination,
    pricePerMinute: pricePerMinute!,
    connectFee: connectFee!,
    firstInterval: firstInterval!,
    nextInterval: nextInterval!,
    minCharge: minCharge!,
    freeSeconds: freeSeconds!,
    noChargeBelowSeconds: noChargeBelowSeconds!,
    roundingMode,
    roundingDecimals: roundingDecimals!,
  };
}

/**
 * A cell as text. XLSX numbers are doubles: the shortest decimal that reads back as the same double is
 * what the spreadsheet stored (and shows at full precision), written out without an exponent.
 */
export function cellText(cell: RateDeckCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number')
    return Number.isFinite(cell) ? new Decimal(String(cell)).toFixed() : String(cell);
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

/** A decimal cell without the thousands of ways spreadsheets decorate it: only surrounding spaces go. */
function decimalText(value: string): string {
  return value.startsWith('.') ? `0${value}` : value;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** ISO 8601 with an offset is that instant; a date or date-time without one is local to the card. */
export function parseInstant(value: string, localTime: TimeZoneClock): Date | undefined {
  const match = DATE_TIME.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', millis = '0', offset] = match;
  const wall = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    Number(millis.padEnd(3, '0')),
  );
  const check = new Date(wall);
  if (
    check.getUTCMonth() !== Number(month) - 1 ||
    check.getUTCDate() !== Number(day) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59
  )
    return undefined;
  if (offset === undefined) return localTime.instantOf(wall);
  if (offset.toUpperCase() === 'Z') return new Date(wall);
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return new Date(wall - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000);
}
