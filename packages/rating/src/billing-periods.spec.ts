import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  calendarMonth,
  periodContaining,
  recurringFeesDue,
  type RecurrenceKind,
  type Subscription,
} from './billing-periods';

const due = (subscription: Omit<Partial<Subscription>, 'since'> & { since: string }, now: string) =>
  recurringFeesDue(
    {
      fee: new Decimal('10'),
      kind: 'monthly',
      timeZone: 'UTC',
      ...subscription,
      since: new Date(subscription.since),
    },
    new Date(now),
  ).map((fee) => [fee.period.name, fee.amount.toFixed(), `${fee.days}/${fee.period.days}`]);

describe('periodContaining', () => {
  it.each<[RecurrenceKind, string, string, string, string, string]>([
    [
      'monthly',
      'UTC',
      '2026-12-06T21:00:00Z',
      '2026-12',
      '2026-12-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ],
    // 23:30 UTC on 30 November is already December in Berlin; its month starts at 23:00 UTC.
    [
      'monthly',
      'Europe/Berlin',
      '2026-11-30T23:30:00Z',
      '2026-12',
      '2026-11-30T23:00:00.000Z',
      '2026-12-31T23:00:00.000Z',
    ],
    // New York's March has a 23-hour day: the month still ends at local midnight.
    [
      'monthly',
      'America/New_York',
      '2026-03-15T12:00:00Z',
      '2026-03',
      '2026-03-01T05:00:00.000Z',
      '2026-04-01T04:00:00.000Z',
    ],
    // Sunday 6 December belongs to the ISO week starting Monday 30 November.
    [
      'weekly',
      'UTC',
      '2026-12-06T21:00:00Z',
      '2026-11-30',
      '2026-11-30T00:00:00.000Z',
      '2026-12-07T00:00:00.000Z',
    ],
    [
      'daily',
      'Asia/Tokyo',
      '2026-12-06T16:00:00Z',
      '2026-12-07',
      '2026-12-06T15:00:00.000Z',
      '2026-12-07T15:00:00.000Z',
    ],
  ])('%s in %s at %s is %s', (kind, zone, at, name, start, end) => {
    const period = periodContaining(kind, new Date(at), zone);
    expect([period.name, period.start.toISOString(), period.end.toISOString()]).toEqual([name, start, end]);
  });

  it('counts local days, not hours, across a DST change', () => {
    expect(periodContaining('monthly', new Date('2026-10-10T00:00:00Z'), 'Europe/London').days).toBe(31);
    expect(periodContaining('weekly', new Date('2026-10-25T12:00:00Z'), 'Europe/London').days).toBe(7);
  });
});

describe('calendarMonth', () => {
  it('reads a month in the zone and refuses what is not YYYY-MM', () => {
    const month = calendarMonth('2026-02', 'Europe/Berlin');
    expect([month.start.toISOString(), month.end.toISOString(), month.days]).toEqual([
      '2026-01-31T23:00:00.000Z',
      '2026-02-28T23:00:00.000Z',
      28,
    ]);
    expect(() => calendarMonth('2026-13', 'UTC')).toThrow(RangeError);
    expect(() => calendarMonth('2026-1', 'UTC')).toThrow(RangeError);
  });
});

describe('recurringFeesDue', () => {
  it('prorates the first month by local day, that day included, rounded half up to 6 decimals', () => {
    // 13 to 30 November: 18 of 30 days.
    expect(due({ since: '2026-11-13T10:00:00Z' }, '2026-11-13T11:00:00Z')).toEqual([
      ['2026-11', '6', '18/30'],
    ]);
    // 5 to 31 October: 27 of 31 days = 8.70967741… → 8.709677.
    expect(due({ since: '2026-10-05T12:00:00Z' }, '2026-10-05T12:00:00Z')).toEqual([
      ['2026-10', '8.709677', '27/31'],
    ]);
  });

  it('catches up the prorated first period in the next one, and charges that one in full', () => {
    expect(due({ since: '2026-11-13T10:00:00Z' }, '2026-12-01T00:30:00Z')).toEqual([
      ['2026-11', '6', '18/30'],
      ['2026-12', '10', '31/31'],
    ]);
  });

  it('charges only the current period of an account older than the previous one', () => {
    expect(due({ since: '2025-01-13T10:00:00Z' }, '2026-12-06T00:00:00Z')).toEqual([
      ['2026-12', '10', '31/31'],
    ]);
  });

  it("reads the start day in the account's zone", () => {
    // 23:30 UTC on 30 November is 1 December in Berlin: December is charged in full, November not at all.
    expect(due({ since: '2026-11-30T23:30:00Z', timeZone: 'Europe/Berlin' }, '2026-12-01T08:00:00Z')).toEqual(
      [['2026-12', '10', '31/31']],
    );
    expect(due({ since: '2026-11-30T23:30:00Z' }, '2026-12-01T08:00:00Z')).toEqual([
      ['2026-11', '0.333333', '1/30'],
      ['2026-12', '10', '31/31'],
    ]);
  });

  it('prorates a weekly fee by day and charges a daily one whole', () => {
    // Thursday 3 December: Thursday to Sunday, 4 of 7 days.
    expect(due({ kind: 'weekly', since: '2026-12-03T09:00:00Z' }, '2026-12-03T09:00:00Z')).toEqual([
      ['2026-11-30', '5.714286', '4/7'],
    ]);
    expect(due({ kind: 'daily', since: '2026-12-03T09:00:00Z' }, '2026-12-04T00:00:01Z')).toEqual([
      ['2026-12-03', '10', '1/1'],
      ['2026-12-04', '10', '1/1'],
    ]);
  });

  it('owes nothing on a free plan or before the account starts', () => {
    expect(due({ fee: new Decimal(0), since: '2026-01-01T00:00:00Z' }, '2026-12-06T00:00:00Z')).toEqual([]);
    expect(due({ since: '2026-12-07T00:00:00Z' }, '2026-12-06T00:00:00Z')).toEqual([]);
  });
});
