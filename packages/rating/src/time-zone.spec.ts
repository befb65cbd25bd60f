import { describe, expect, it } from 'vitest';
import { TimeZoneClock } from './time-zone';

const wall = (text: string) => Date.parse(`${text}Z`);

describe('TimeZoneClock.instantOf', () => {
  const berlin = new TimeZoneClock('Europe/Berlin');

  it('reads a local wall time as the instant it is in the zone', () => {
    expect(berlin.instantOf(wall('2027-01-01T00:00:00')).toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(berlin.instantOf(wall('2027-07-01T00:00:00')).toISOString()).toBe('2027-06-30T22:00:00.000Z');
    expect(new TimeZoneClock('UTC').instantOf(wall('2027-07-01T00:00:00')).toISOString()).toBe(
      '2027-07-01T00:00:00.000Z',
    );
  });

  it('takes a time in the skipped hour an hour later, and the second of a repeated hour', () => {
    // 2027-03-28 02:30 does not exist in Berlin (02:00 → 03:00): 03:30 CEST.
    expect(berlin.instantOf(wall('2027-03-28T02:30:00')).toISOString()).toBe('2027-03-28T01:30:00.000Z');
    // 2027-10-31 02:30 happens twice (CEST, then CET): the second one.
    expect(berlin.instantOf(wall('2027-10-31T02:30:00')).toISOString()).toBe('2027-10-31T01:30:00.000Z');
  });
});
