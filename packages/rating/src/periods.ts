import { DAY_MS, TimeZoneClock, wallTimeOf, type WallTime } from './time-zone';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Local time-of-day window `[from, to)`, `HH:MM` or `HH:MM:SS`; `to` may be `24:00`; `from > to` wraps midnight. */
export interface TimeWindow {
  from: string;
  to: string;
}

/**
 * A named tariff period. Every condition given must hold (evaluated on the local date and time of the
 * instant); periods are tried in order and the first match is the period in force.
 */
export interface PeriodDefinition {
  name: string;
  /** Local weekdays; omitted = every day. */
  weekdays?: readonly Weekday[];
  /** Local time windows; omitted = all day. */
  times?: readonly TimeWindow[];
  /** `true`: only on holidays; `false`: never on holidays; omitted: either. */
  holiday?: boolean;
}

export interface PeriodScheduleInput {
  /** IANA zone of the account, e.g. `Europe/Madrid`; wall times, weekdays and holidays are read there. */
  timeZone: string;
  periods?: readonly PeriodDefinition[];
  /** Local dates `YYYY-MM-DD`, supplied by the caller. */
  holidays?: readonly string[];
}

/** Seconds `[fromSecond, toSecond)` of a call (counted from its start) that fall in one period. */
export interface PeriodSegment {
  readonly fromSecond: number;
  readonly toSecond: number;
  readonly period: string | undefined;
}

interface CompiledPeriod {
  readonly name: string;
  /** Bit d set for ISO weekday d; 0 = any day. */
  readonly weekdays: number;
  readonly windows: ReadonlyArray<readonly [number, number]> | undefined;
  readonly holiday: boolean | undefined;
}

const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PeriodSchedule {
  readonly clock: TimeZoneClock;
  readonly names: ReadonlySet<string>;
  private readonly periods: readonly CompiledPeriod[];
  private readonly holidays: ReadonlySet<number>;
  /** Local times of day where some period may start or end, ascending, ending with midnight. */
  private readonly boundaries: readonly number[];

  constructor(input: PeriodScheduleInput) {
    this.clock = new TimeZoneClock(input.timeZone);
    this.periods = (input.periods ?? []).map(compilePeriod);
    this.names = new Set(this.periods.map((p) => p.name));
    if (this.names.size !== this.periods.length) throw new RangeError('Period names must be unique');
    this.holidays = new Set((input.holidays ?? []).map(holidayDay));
    const edges = this.periods.flatMap((p) => (p.windows ?? []).flat()).filter((ms) => ms > 0 && ms < DAY_MS);
    this.boundaries = [...new Set(edges)].sort((a, b) => a - b).concat(DAY_MS);
  }

  get hasPeriods(): boolean {
    return this.periods.length > 0;
  }

  periodAt(ms: number): string | undefined {
    if (this.periods.length === 0) return undefined;
    return this.periodAtWall(this.clock.wallTime(ms));
  }

  /** Splits seconds `[fromSecond, toSecond)` of a call started at `startMs` by the period each second starts in. */
  segments(startMs: number, fromSecond: number, toSecond: number): PeriodSegment[] {
    if (this.periods.length === 0) return [{ fromSecond, toSecond, period: undefined }];
    const segments: PeriodSegment[] = [];
    let second = fromSecond;
    while (second < toSecond) {
      const instant = startMs + second * 1000;
      const offset = this.clock.offsetAt(instant);
      const wall = wallTimeOf(instant + offset);
      const period = this.periodAtWall(wall);
      const untilBoundary = Math.ceil((this.nextBoundary(wall.msOfDay) - wall.msOfDay) / 1000);
      const end = this.clock.firstOffsetChange(
        startMs,
        second + 1,
        Math.min(toSecond, second + untilBoundary),
        offset,
      );
      const last = segments[segments.length - 1];
      if (last !== undefined && last.period === period)
        segments[segments.length - 1] = { ...last, toSecond: end };
      else segments.push({ fromSecond: second, toSecond: end, period });
      second = end;
    }
    return segments;
  }

  private periodAtWall(wall: WallTime): string | undefined {
    const holiday = this.holidays.has(wall.day);
    for (const period of this.periods) {
      if (period.holiday !== undefined && period.holiday !== holiday) continue;
      if (period.weekdays !== 0 && (period.weekdays & (1 << wall.weekday)) === 0) continue;
      if (period.windows !== undefined && !period.windows.some((w) => inWindow(wall.msOfDay, w))) continue;
      return period.name;
    }
    return undefined;
  }

  private nextBoundary(msOfDay: number): number {
    for (const boundary of this.boundaries) if (boundary > msOfDay) return boundary;
    return DAY_MS;
  }
}

function inWindow(msOfDay: number, [from, to]: readonly [number, number]): boolean {
  return from < to ? msOfDay >= from && msOfDay < to : msOfDay >= from || msOfDay < to;
}

function compilePeriod(period: PeriodDefinition): CompiledPeriod {
  if (period.name === '') throw new RangeError('Period name must not be empty');
  const weekdays = (period.weekdays ?? []).reduce((mask, day) => {
    if (!Number.isInteger(day) || day < 1 || day > 7)
      throw new RangeError(`Weekday must be 1..7, got ${day}`);
    return mask | (1 << day);
  }, 0);
  const windows = period.times?.map((w): readonly [number, number] => {
    const range = [timeOfDay(w.from), timeOfDay(w.to)] as const;
    if (range[0] === range[1] || range[0] === DAY_MS) {
      throw new RangeError(`Period ${period.name}: empty window ${w.from}-${w.to}`);
    }
    return range;
  });
  return { name: period.name, weekdays, windows, holiday: period.holiday };
}

function timeOfDay(text: string): number {
  const match = TIME.exec(text);
  const [hours, minutes, seconds] = [match?.[1], match?.[2], match?.[3] ?? '0'].map(Number) as [
    number,
    number,
    number,
  ];
  const ms = ((hours * 60 + minutes) * 60 + seconds) * 1000;
  if (!match || minutes > 59 || seconds > 59 || ms > DAY_MS)
    throw new RangeError(`Invalid time of day "${text}"`);
  return ms;
}

function holidayDay(date: string): number {
  const ms = DATE.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`Holiday must be a YYYY-MM-DD date, got "${date}"`);
  return ms / DAY_MS;
}
