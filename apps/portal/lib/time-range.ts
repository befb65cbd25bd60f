/**
 * Date filters of the search forms: days as a date input sends them (YYYY-MM-DD), read in UTC, as the
 * API's half-open range [from, to): from the start of the first day to the end of the last one.
 */
export interface DayRange {
  from?: string;
  to?: string;
  /** Reasons by field, shown under the date inputs. */
  errors: Record<string, string>;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function startOfDay(day: string): number | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const moment = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 2026-02-31 over to March: a day that does not exist is refused.
  return new Date(moment).toISOString().slice(0, 10) === day ? moment : null;
}

export function dayRange(from: string | null | undefined, to: string | null | undefined): DayRange {
  const range: DayRange = { errors: {} };
  const start = from ? startOfDay(from) : null;
  const end = to ? startOfDay(to) : null;
  if (from && start === null) range.errors.from = 'must be a date, e.g. 2026-12-01';
  if (to && end === null) range.errors.to = 'must be a date, e.g. 2026-12-31';
  if (start !== null && end !== null && end < start) range.errors.to = 'must not be before the first day';
  if (Object.keys(range.errors).length > 0) return range;
  if (start !== null) range.from = new Date(start).toISOString();
  if (end !== null) range.to = new Date(end + DAY_MS).toISOString();
  return range;
}

/** A day `days` before `now`, as a date input shows it. */
export function daysAgo(days: number, now = new Date()): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10);
}

/** A moment as operators read it in lists: day, time to the second, in UTC (the filters' zone). */
export function formatMoment(iso: string | null | undefined): string {
  if (!iso) return '—';
  return `${new Date(iso).toLocaleString('en-GB', {
    timeZone: 'UTC',
    dateStyle: 'medium',
    timeStyle: 'medium',
  })} UTC`;
}

export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleDateString('en-GB', { timeZone: 'UTC', dateStyle: 'medium' });
}

/** A call's length: m:ss, or h:mm:ss from an hour. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}
