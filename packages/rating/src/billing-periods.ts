import Decimal from 'decimal.js';
import { DAY_MS, TimeZoneClock } from './time-zone';

/** How often a service plan's fee recurs (the values of the plan's `recurring_period`). */
export type RecurrenceKind = 'monthly' | 'weekly' | 'daily';

/** Ledger amounts are `numeric(20,6)`: a prorated fee is rounded once, half up, to these decimals. */
export const RECURRING_FEE_DECIMALS = 6;

/** One billing period read on an account's wall clock. */
export interface BillingPeriod {
  readonly kind: RecurrenceKind;
  /** The local date of its first day, `YYYY-MM-DD`. */
  readonly firstDay: string;
  /** What it is called on a ledger line and in keys: `2026-12` (month), `2026-12-07` (week, day). */
  readonly name: string;
  /** First instant (local midnight of the first day) and the first instant after it. */
  readonly start: Date;
  readonly end: Date;
  /** Its length in local days (a month's days; 7; 1), whatever DST does to its hours. */
  readonly days: number;
}

/** The period of `kind` that contains `at` in `timeZone`: a calendar month, an ISO week (Monday on), a day. */
export function periodContaining(kind: RecurrenceKind, at: Date, timeZone: string): BillingPeriod {
  const clock = new TimeZoneClock(timeZone);
  const { day, weekday } = clock.wallTime(at.getTime());
  if (kind === 'daily') return periodFromDays(kind, day, day + 1, clock);
  if (kind === 'weekly') return periodFromDays(kind, day - weekday + 1, day - weekday + 8, clock);
  const date = new Date(day * DAY_MS);
  const first = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS;
  const next = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS;
  return periodFromDays(kind, first, next, clock);
}

/** The period just before `period`. */
export function previousPeriod(period: BillingPeriod, timeZone: string): BillingPeriod {
  return periodContaining(period.kind, new Date(period.start.getTime() - 1), timeZone);
}

/**
 * A calendar month (`YYYY-MM`) read in `timeZone`: what an invoice covers. Throws on a malformed month.
 */
export function calendarMonth(month: string, timeZone: string): BillingPeriod {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  const first = Date.UTC(Number(match[1]), Number(match[2]) - 1, 1) / DAY_MS;
  const next = Date.UTC(Number(match[1]), Number(match[2]), 1) / DAY_MS;
  return periodFromDays('monthly', first, next, new TimeZoneClock(timeZone));
}

/** The subscription an account holds: on what plan fee, recurring how, since when, read in which zone. */
export interface Subscription {
  readonly fee: Decimal;
  readonly kind: RecurrenceKind;
  /** When the account started (its creation): its first period is prorated from that local day. */
  readonly since: Date;
  readonly timeZone: string;
}

export interface RecurringFeeDue {
  readonly period: BillingPeriod;
  /** What the account owes for it (positive), rounded to `RECURRING_FEE_DECIMALS`. */
  readonly amount: Decimal;
  /** Local days charged, of the period's `days`. */
  readonly days: number;
}

/**
 * The plan fees an account owes as of `now`, charged in advance, in periods of the account's wall clock,
 * the same rules as the DID monthly fees:
 * - the period the account starts in, pro rata by local day from its first day (that day included) to the
 *   period's end: `fee × days / period days`, rounded half up to 6 decimals, the only rounding; owed from
 *   the start on, and still caught up during the period after (a daily period is always a whole day);
 * - the current period in full, when the account already existed at its first instant.
 * A run never charges periods it did not see begin, except that first prorated one: starting the job on
 * old accounts charges the current period, not years of them.
 */
export function recurringFeesDue(subscription: Subscription, now: Date): RecurringFeeDue[] {
  const { fee, kind, since, timeZone } = subscription;
  if (fee.lte(0) || since > now) return [];
  const current = periodContaining(kind, now, timeZone);
  const due: RecurringFeeDue[] = [];
  const first = periodContaining(kind, since, timeZone);
  const previous = previousPeriod(current, timeZone);
  if (
    first.start.getTime() === previous.start.getTime() ||
    first.start.getTime() === current.start.getTime()
  ) {
    const clock = new TimeZoneClock(timeZone);
    const days = dayOf(first.end, clock) - clock.wallTime(since.getTime()).day;
    const amount = fee
      .times(days)
      .dividedBy(first.days)
      .toDecimalPlaces(RECURRING_FEE_DECIMALS, Decimal.ROUND_HALF_UP);
    due.push({ period: first, amount, days });
  }
  if (since < current.start) {
    due.push({ period: current, amount: fee, days: current.days });
  }
  return due;
}

function periodFromDays(
  kind: RecurrenceKind,
  firstDay: number,
  nextDay: number,
  clock: TimeZoneClock,
): BillingPeriod {
  const firstDate = isoDate(firstDay);
  return {
    kind,
    firstDay: firstDate,
    name: kind === 'monthly' ? firstDate.slice(0, 7) : firstDate,
    start: clock.instantOf(firstDay * DAY_MS),
    end: clock.instantOf(nextDay * DAY_MS),
    days: nextDay - firstDay,
  };
}

/** The local day number an instant at local midnight begins. */
function dayOf(instant: Date, clock: TimeZoneClock): number {
  return clock.wallTime(instant.getTime()).day;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
