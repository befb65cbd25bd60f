import Decimal from 'decimal.js';

/** Ledger amounts are `numeric(20,6)`: a prorated fee is rounded once, half up, to these decimals. */
export const MONTHLY_FEE_DECIMALS = 6;

/** One holding of a number by an account: from its `assigned` step to the step that ended it. */
export interface DidAssignment {
  readonly assignedAt: Date;
  /** Null while the account still holds the number. */
  readonly endedAt: Date | null;
}

export interface MonthlyFeeDue {
  /** `YYYY-MM`, UTC: the billing month the fee pays for. */
  readonly month: string;
  /** What the account owes for it (positive), rounded to `MONTHLY_FEE_DECIMALS`. */
  readonly amount: Decimal;
  /** Days of the month charged, and the month's length. */
  readonly days: number;
  readonly daysInMonth: number;
}

/**
 * The monthly fees an assignment owes as of `now`, charged in advance, in UTC billing months:
 * - the month it starts in, pro rata by day from the day of the assignment (that day included) to the
 *   month's end: `fee × days / daysInMonth`, rounded half up to 6 decimals, the only rounding; owed
 *   from the assignment on, and still caught up during the month after;
 * - the current month in full, when the number was still held at its first instant.
 * A release never refunds a month already owed and owes nothing after it. A whole month is charged
 * only by the runs made during it: a run never charges months it did not see begin (so starting the
 * job on numbers assigned long ago does not charge years of fees at once).
 */
export function monthlyFeesDue(assignment: DidAssignment, fee: Decimal, now: Date): MonthlyFeeDue[] {
  const { assignedAt, endedAt } = assignment;
  if (fee.lte(0) || assignedAt > now) return [];
  const current = monthStart(now);
  const due: MonthlyFeeDue[] = [];
  for (const start of [addMonths(current, -1), current]) {
    const daysInMonth = daysBetween(start, addMonths(start, 1));
    if (monthStart(assignedAt).getTime() !== start.getTime()) continue;
    const days = daysInMonth - assignedAt.getUTCDate() + 1;
    const amount = fee
      .times(days)
      .dividedBy(daysInMonth)
      .toDecimalPlaces(MONTHLY_FEE_DECIMALS, Decimal.ROUND_HALF_UP);
    due.push({ month: monthOf(start), amount, days, daysInMonth });
  }
  if (assignedAt < current && (endedAt === null || endedAt > current)) {
    const daysInMonth = daysBetween(current, addMonths(current, 1));
    due.push({ month: monthOf(current), amount: fee, days: daysInMonth, daysInMonth });
  }
  return due;
}

function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 86_400_000);
}

function monthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

function addMonths(start: Date, months: number): Date {
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
}

function monthOf(start: Date): string {
  return `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
}
