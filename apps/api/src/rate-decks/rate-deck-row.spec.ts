import { describe, expect, it } from 'vitest';
import { TimeZoneClock } from '@tollgate/rating';
import { columnPositions, resolveMapping } from './rate-deck-columns';
import { parseInstant, parseRateDeckRow, type RowContext } from './rate-deck-row';

const header = [
  'Prefix',
  'destination',
  'price',
  'first_interval',
  'next_interval',
  'effective_from',
  'period',
];
const D = new Date('2030-01-01T00:00:00Z');
const context = (timeZone = 'UTC'): RowContext => ({
  positions: columnPositions(header, resolveMapping()).positions,
  periodIds: new Map([['peak', 'c0ffee00-0000-4000-8000-000000000001']]),
  effectiveFrom: D,
  localTime: new TimeZoneClock(timeZone),
});

describe('a rate deck row', () => {
  it('becomes a rate with its defaults, starting at the import date when it gives no start', () => {
    expect(parseRateDeckRow(2, ['0044', ' UK ', '0.0125', '60', '1', '', ''], context())).toEqual({
      line: 2,
      prefix: '0044',
      periodId: null,
      effectiveFrom: D,
      explicitFrom: false,
      effectiveTo: null,
      destination: 'UK',
      pricePerMinute: '0.0125',
      connectFee: '0',
      firstInterval: 60,
      nextInterval: 1,
      minCharge: '0',
      freeSeconds: 0,
      noChargeBelowSeconds: 0,
      roundingMode: 'half_up',
      roundingDecimals: 4,
    });
  });

  it('reads spreadsheet numbers at the decimal they were written as, periods by name in any case', () => {
    const rate = parseRateDeckRow(3, [44, 'UK', 1e-7, 30, 6, null, 'PEAK'], context());
    expect(rate).toMatchObject({ prefix: '44', pricePerMinute: '0.0000001', periodId: expect.any(String) });
  });

  it('names every bad field of the row at once, with what the cell held', () => {
    const problems = parseRateDeckRow(7, ['+44', '', '1,5', '0', '6.5', 'tomorrow', 'night'], context());
    expect(problems).toEqual([
      { line: 7, field: 'prefix', reason: expect.stringContaining('15 digits'), value: '+44' },
      { line: 7, field: 'destination', reason: 'is empty', value: null },
      { line: 7, field: 'pricePerMinute', reason: expect.stringContaining('decimal'), value: '1,5' },
      { line: 7, field: 'firstInterval', reason: 'must be from 1 to 86400', value: '0' },
      { line: 7, field: 'nextInterval', reason: expect.stringContaining('whole number'), value: '6.5' },
      { line: 7, field: 'period', reason: 'is not a period of this rate card', value: 'night' },
      { line: 7, field: 'effectiveFrom', reason: expect.stringContaining('not a date'), value: 'tomorrow' },
    ]);
  });

  it('refuses more decimals than the column keeps instead of rounding', () => {
    expect(parseRateDeckRow(2, ['44', 'UK', '0.123456789', '60', '60'], context())).toMatchObject([
      { field: 'pricePerMinute', reason: 'has more than 8 decimals' },
    ]);
  });

  it('reads dates without an offset as wall times of the card, across daylight saving', () => {
    const berlin = new TimeZoneClock('Europe/Berlin');
    expect(parseInstant('2030-01-01', berlin)?.toISOString()).toBe('2029-12-31T23:00:00.000Z');
    expect(parseInstant('2030-07-01 08:30', berlin)?.toISOString()).toBe('2030-07-01T06:30:00.000Z');
    // 02:30 does not exist on 2030-03-31 in Berlin: the hour after.
    expect(parseInstant('2030-03-31T02:30', berlin)?.toISOString()).toBe('2030-03-31T01:30:00.000Z');
    expect(parseInstant('2030-07-01T08:30:00+02:00', berlin)?.toISOString()).toBe('2030-07-01T06:30:00.000Z');
    expect(parseInstant('2030-07-01T08:30:00Z', berlin)?.toISOString()).toBe('2030-07-01T08:30:00.000Z');
    expect(parseInstant('2030-02-30', berlin)).toBeUndefined();
  });
});
