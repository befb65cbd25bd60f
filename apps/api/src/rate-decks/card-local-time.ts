const HOUR_MS = 3_600_000;

/**
 * Wall-clock times of a rate card's zone (RateCard.timezone) to instants: a deck may give its dates as
 * local times ("2027-01-01" or "2027-01-01 00:00"), which mean that time where the card is kept.
 */
export class CardLocalTime {
  private readonly format: Intl.DateTimeFormat | undefined;
  private readonly offsets = new Map<number, number>();

  constructor(timeZone: string) {
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

  /**
   * The instant whose local reading is `wallMs` (a wall time written as if it were UTC). In a gap (the
   * hour skipped when clocks go forward) it is the instant an hour later; in a repeated hour (clocks going back), the second.
   */
  instantOf(wallMs: number): Date {
    const guess = wallMs - this.offsetAt(wallMs);
    return new Date(wallMs - this.offsetAt(guess));
  }

  private offsetAt(ms: number): number {
    if (this.format === undefined) return 0;
    const hour = Math.floor(ms / HOUR_MS);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      const parts: Record<string, number> = {};
      for (const part of this.format.formatToParts(hour * HOUR_MS))
        if (part.type !== 'literal') parts[part.type] = Number(part.value);
      const wall = Date.UTC(
        parts.year ?? 1970,
        (parts.month ?? 1) - 1,
        parts.day ?? 1,
        parts.hour ?? 0,
        parts.minute ?? 0,
        parts.second ?? 0,
      );
      offset = wall - hour * HOUR_MS;
      this.offsets.set(hour, offset);
    }
    return offset;
  }
}
