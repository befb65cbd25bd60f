import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PeriodSchedule, type PeriodDefinition, type PeriodSegment } from './periods';

const at = (iso: string): number => Date.parse(iso);

const WORKDAYS: PeriodDefinition['weekdays'] = [1, 2, 3, 4, 5];
const PERIODS: PeriodDefinition[] = [
  { name: 'holiday', holiday: true },
  { name: 'peak', weekdays: WORKDAYS, times: [{ from: '08:00', to: '19:00' }] },
  { name: 'weekend', weekdays: [6, 7] },
  { name: 'offpeak' },
];

const london = new PeriodSchedule({ timeZone: 'Europe/London', periods: PERIODS, holidays: ['2026-12-25'] });
const newYork = new PeriodSchedule({
  timeZone: 'America/New_York',
  periods: PERIODS,
  holidays: ['2026-12-25'],
});

describe('PeriodSchedule.periodAt', () => {
  it.each<[string, string, string]>([
    ['Europe/London', '2026-11-23T10:00:00Z', 'peak'],
    ['Europe/London', '2026-11-23T07:59:59Z', 'offpeak'],
    ['Europe/London', '2026-11-23T08:00:00Z', 'peak'],
    ['Europe/London', '2026-11-23T19:00:00Z', 'offpeak'],
    ['Europe/London', '2026-11-28T12:00:00Z', 'weekend'],
    ['Europe/London', '2026-12-25T12:00:00Z', 'holiday'],
    // British Summer Time: 08:00 local is 07:00 UTC.
    ['Europe/London', '2026-06-01T06:59:59Z', 'offpeak'],
    ['Europe/London', '2026-06-01T07:00:00Z', 'peak'],
    ['America/New_York', '2026-11-23T12:59:59Z', 'offpeak'],
    ['America/New_York', '2026-11-23T13:00:00Z', 'peak'],
    // 22:00 on 25 December in New York is already the 26th in UTC: the local date decides.
    ['America/New_York', '2026-12-26T03:00:00Z', 'holiday'],
    ['America/New_York', '2026-12-26T05:00:00Z', 'weekend'],
  ])('%s: %s is %s', (zone, instant, expected) => {
    const schedule = zone === 'Europe/London' ? london : newYork;
    expect(schedule.periodAt(at(instant))).toBe(expected);
  });

  it('wraps windows past midnight', () => {
    const schedule = new PeriodSchedule({
      timeZone: 'UTC',
      periods: [{ name: 'night', times: [{ from: '22:00', to: '06:00' }] }, { name: 'day' }],
    });
    expect(schedule.periodAt(at('2026-11-23T21:59:59Z'))).toBe('day');
    expect(schedule.periodAt(at('2026-11-23T23:00:00Z'))).toBe('night');
    expect(schedule.periodAt(at('2026-11-24T05:59:59Z'))).toBe('night');
    expect(schedule.periodAt(at('2026-11-24T06:00:00Z'))).toBe('day');
  });

  it('is undefined when no period matches or none are defined', () => {
    expect(new PeriodSchedule({ timeZone: 'UTC' }).periodAt(0)).toBeUndefined();
    const peakOnly = new PeriodSchedule({ timeZone: 'UTC', periods: [PERIODS[1] as PeriodDefinition] });
    expect(peakOnly.periodAt(at('2026-11-28T12:00:00Z'))).toBeUndefined();
  });

  it('rejects malformed definitions', () => {
    const build = (periods: PeriodDefinition[], holidays: string[] = []) =>
      new PeriodSchedule({ timeZone: 'UTC', periods, holidays });
    expect(() => build([{ name: 'x', times: [{ from: '8:00', to: '19:00' }] }])).toThrow(/time of day/);
    expect(() => build([{ name: 'x', times: [{ from: '08:00', to: '08:00' }] }])).toThrow(/empty window/);
    expect(() => build([{ name: 'x', weekdays: [0 as 1] }])).toThrow(/Weekday/);
    expect(() => build([{ name: 'x' }, { name: 'x' }])).toThrow(/unique/);
    expect(() => build([], ['25/12/2026'])).toThrow(/Holiday/);
    expect(() => new PeriodSchedule({ timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('PeriodSchedule.segments', () => {
  const segments = (schedule: PeriodSchedule, start: string, seconds: number) =>
    schedule.segments(at(start), 0, seconds).map((s) => [s.fromSecond, s.toSecond, s.period]);

  it('splits a call at a period boundary', () => {
    expect(segments(london, '2026-11-23T18:59:00Z', 120)).toEqual([
      [0, 60, 'peak'],
      [60, 120, 'offpeak'],
    ]);
  });

  it('prices each second by the period in force when it starts', () => {
    expect(segments(london, '2026-11-23T18:59:59.500Z', 3)).toEqual([
      [0, 1, 'peak'],
      [1, 3, 'offpeak'],
    ]);
  });

  it('follows a spring-forward transition (New York, 02:00 → 03:00)', () => {
    const schedule = new PeriodSchedule({
      timeZone: 'America/New_York',
      periods: [{ name: 'early', times: [{ from: '02:30', to: '03:30' }] }],
    });
    expect(segments(schedule, '2026-03-08T06:59:00Z', 120)).toEqual([
      [0, 60, undefined],
      [60, 120, 'early'],
    ]);
  });

  it('follows a fall-back transition (London, 01:00–02:00 happens twice)', () => {
    const schedule = new PeriodSchedule({
      timeZone: 'Europe/London',
      periods: [{ name: 'late', times: [{ from: '01:00', to: '02:00' }] }],
    });
    expect(segments(schedule, '2026-10-24T23:30:00Z', 10_800)).toEqual([
      [0, 1800, undefined],
      [1800, 9000, 'late'],
      [9000, 10_800, undefined],
    ]);
  });

  it('follows a half-hour transition (Lord Howe Island)', () => {
    const schedule = new PeriodSchedule({
      timeZone: 'Australia/Lord_Howe',
      periods: [{ name: 'x', times: [{ from: '01:30', to: '02:00' }] }],
    });
    expect(segments(schedule, '2026-04-04T14:29:00Z', 3720)).toEqual([
      [0, 60, undefined],
      [60, 3660, 'x'],
      [3660, 3720, undefined],
    ]);
  });

  it('agrees second by second with periodAt, across DST changes', () => {
    const zones = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
    const starts = [
      '2026-03-08T05:00:00Z',
      '2026-03-29T00:00:00Z',
      '2026-04-04T13:00:00Z',
      '2026-10-24T22:00:00Z',
    ];
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const period = fc.record({
      weekdays: fc.option(fc.subarray([1, 2, 3, 4, 5, 6, 7] as const, { minLength: 1 }), { nil: undefined }),
      times: fc.option(
        fc.array(
          fc.record({ from: time, to: time }).filter((w) => w.from !== w.to),
          { minLength: 1, maxLength: 2 },
        ),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.array(period, { maxLength: 3 }),
        fc.constantFrom(...starts),
        fc.integer({ min: 0, max: 4 * 3600 }),
        fc.integer({ min: 1, max: 4 * 3600 }),
        (timeZone, definitions, start, offset, duration) => {
          const periods = definitions.map((d, i) => ({ ...d, name: `p${i}` }));
          const schedule = new PeriodSchedule({ timeZone, periods });
          const startMs = at(start) + offset * 1000 + 250;
          const found = schedule.segments(startMs, 0, duration);
          expect(perSecond(schedule, startMs, duration)).toEqual(found);
        },
      ),
      { numRuns: 150 },
    );
  });
});

function perSecond(schedule: PeriodSchedule, startMs: number, duration: number): PeriodSegment[] {
  const segments: PeriodSegment[] = [];
  for (let second = 0; second < duration; second++) {
    const period = schedule.periodAt(startMs + second * 1000);
    const last = segments[segments.length - 1];
    if (last && last.period === period) segments[segments.length - 1] = { ...last, toSecond: second + 1 };
    else segments.push({ fromSecond: second, toSecond: second + 1, period });
  }
  return segments;
}
