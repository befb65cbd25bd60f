const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const MAX_CACHED_HOURS = 100_000;

/** Wall-clock reading of an instant in a time zone. */
export interface WallTime {
  /** Days since 1970-01-01 of the local date. */
  readonly day: number;
  /** ISO weekday of the local date: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  /** Milliseconds since local midnight. */
  readonly msOfDay: number;
}

/** Reads a local wall-clock instant (UTC instant + offset) as date, weekday and time of day. */
export function wallTimeOf(wallMs: number): WallTime {
  const day = Math.floor(wallMs / DAY_MS);
  // 1970-01-01 was a Thursday (ISO weekday 4).
  return { day, weekday: ((((day + 3) % 7) + 7) % 7) + 1, msOfDay: wallMs - day * DAY_MS };
}

/**
 * UTC offsets of an IANA time zone, read from `Intl.DateTimeFormat` (Node ≥ 20 ships full ICU).
 * Formatting is slow (microseconds), so offsets are cached per UTC hour; an hour containing a DST
 * transition is marked and resolved per instant.
 */
export class TimeZoneClock {
  private readonly format: Intl.DateTimeFormat | undefined;
  private readonly hourOffsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.format =
      timeZone === 'UTC'
        ? undefined
        : new Intl.DateTimeFormat('en-US', {
            timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          });
  }

  /** Milliseconds to add to a UTC instant to read the local wall clock. */
  offsetAt(ms: number): number {
    const hourly = this.hourOffset(Math.floor(ms / HOUR_MS));
    return Number.isNaN(hourly) ? this.exactOffset(ms) : hourly;
  }

  /**
   * The instant whose local reading is `wallMs` (a wall time written as if it were UTC). In a gap (the
   * hour skipped when clocks go forward) it is the instant an hour later; in a repeated hour (clocks
   * going back), the second.
   */
  instantOf(wallMs: number): Date {
    const guess = wallMs - this.offsetAt(wallMs);
    return new Date(wallMs - this.offsetAt(guess));
  }

  wallTime(ms: number): WallTime {
    return wallTimeOf(ms + this.offsetAt(ms));
  }

  /**
   * First second index s in [fromSecond, toSecond) whose instant `startMs + s·1000` has an offset other
   * than `offset`, or `toSecond` when the offset holds throughout.
   */
  firstOffsetChange(startMs: number, fromSecond: number, toSecond: number, offset: number): number {
    if (this.format === undefined) return toSecond;
    const lastHour = Math.floor((startMs + (toSecond - 1) * 1000) / HOUR_MS);
    for (let hour = Math.floor((startMs + fromSecond * 1000) / HOUR_MS); hour <= lastHour; hour++) {
      const hourly = this.hourOffset(hour);
      if (hourly === offset) continue;
      const first = Math.max(fromSecond, Math.ceil((hour * HOUR_MS - startMs) / 1000));
      const last = Math.min(toSecond - 1, Math.ceil(((hour + 1) * HOUR_MS - startMs) / 1000) - 1);
      if (!Number.isNaN(hourly) || this.exactOffset(startMs + first * 1000) !== offset) return first;
      const changed = this.firstDifferingSecond(startMs, first, last, offset);
      if (changed <= last) return changed;
    }
    return toSecond;
  }

  /** Within one hour holding a single transition: binary search for the first second past it. */
  private firstDifferingSecond(startMs: number, first: number, last: number, offset: number): number {
    let low = first;
    let high = last + 1;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (this.exactOffset(startMs + middle * 1000) === offset) low = middle;
      else high = middle;
    }
    return high;
  }

  /** The offset of the whole hour, or NaN when it changes inside the hour. */
  private hourOffset(hour: number): number {
    let offset = this.hourOffsets.get(hour);
    if (offset === undefined) {
      const atStart = this.exactOffset(hour * HOUR_MS);
      offset = atStart === this.exactOffset((hour + 1) * HOUR_MS - 1) ? atStart : NaN;
      if (this.hourOffsets.size >= MAX_CACHED_HOURS) this.hourOffsets.clear();
      this.hourOffsets.set(hour, offset);
    }
    return offset;
  }

  private exactOffset(ms: number): number {
    if (this.format === undefined) return 0;
    const second = Math.floor(ms / 1000) * 1000;
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(second)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wall = new Date(0);
    wall.setUTCFullYear(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1);
    wall.setUTCHours(parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, 0);
    return wall.getTime() - second;
  }
}
