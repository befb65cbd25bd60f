import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { monthlyFeesDue } from './did-monthly-fees';

const fee = new Decimal('3.10');
const at = (iso: string) => new Date(iso);
const due = (assignedAt: string, endedAt: string | null, now: string, amount = fee) =>
  monthlyFeesDue(
    { assignedAt: at(assignedAt), endedAt: endedAt === null ? null : at(endedAt) },
    amount,
    at(now),
  ).map((charge) => [charge.month, charge.amount.toFixed(), charge.days]);

describe('monthlyFeesDue', () => {
  it('charges the first month from the day of the assignment, rounded half up to 6 decimals', () => {
    // 3.10 × 18 / 30 = 1.86 exactly; 3.10 × 19 / 31 = 1.9 exactly; 10 × 20 / 30 = 6.666666666… → 6.666667
    expect(due('2026-11-13T22:00:00Z', null, '2026-11-13T22:05:00Z')).toEqual([['2026-11', '1.86', 18]]);
    expect(due('2026-12-13T00:00:00Z', null, '2026-12-20T00:00:00Z')).toEqual([['2026-12', '1.9', 19]]);
    expect(due('2026-11-11T08:00:00Z', null, '2026-11-30T00:00:00Z', new Decimal(10))).toEqual([
      ['2026-11', '6.666667', 20],
    ]);
    expect(due('2026-02-01T00:00:00Z', null, '2026-02-01T00:00:00Z')).toEqual([['2026-02', '3.1', 28]]);
  });

  it('charges each later month in full when the number is held at its first instant', () => {
    expect(due('2026-11-13T22:00:00Z', null, '2026-12-01T00:30:00Z')).toEqual([
      ['2026-11', '1.86', 18],
      ['2026-12', '3.1', 31],
    ]);
    expect(due('2026-03-13T00:00:00Z', null, '2026-12-15T00:00:00Z')).toEqual([['2026-12', '3.1', 31]]);
    // Released during December: December was owed on the 1st and is not refunded.
    expect(due('2026-03-13T00:00:00Z', '2026-12-10T00:00:00Z', '2026-12-15T00:00:00Z')).toEqual([
      ['2026-12', '3.1', 31],
    ]);
    // Released in November: nothing is owed for December.
    expect(due('2026-03-13T00:00:00Z', '2026-11-20T00:00:00Z', '2026-12-15T00:00:00Z')).toEqual([]);
    expect(due('2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z')).toEqual([
      ['2026-11', '0.103333', 1],
    ]);
  });

  it('owes nothing for a free number or an assignment still to come', () => {
    expect(due('2026-11-13T00:00:00Z', null, '2026-11-20T00:00:00Z', new Decimal(0))).toEqual([]);
    expect(due('2026-11-21T00:00:00Z', null, '2026-11-20T00:00:00Z')).toEqual([]);
  });
});
