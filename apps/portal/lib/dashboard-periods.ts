/** The periods the dashboard charts offer, as the series API's granularity and range. */
export const PERIODS = {
  '24h': { label: 'Last 24 hours', granularity: 'hour', hours: 24 },
  '7d': { label: 'Last 7 days', granularity: 'day', hours: 7 * 24 },
  '30d': { label: 'Last 30 days', granularity: 'day', hours: 30 * 24 },
  '90d': { label: 'Last 90 days', granularity: 'day', hours: 90 * 24 },
  '12m': { label: 'Last 12 months', granularity: 'day', hours: 365 * 24 },
} as const;

export type PeriodKey = keyof typeof PERIODS;
export const DEFAULT_PERIOD: PeriodKey = '30d';

export function periodOf(value: string | null | undefined): PeriodKey {
  return value && value in PERIODS ? (value as PeriodKey) : DEFAULT_PERIOD;
}

/** The series query of a period ending now: whole buckets, the current one included. */
export function seriesRange(
  period: PeriodKey,
  now: Date,
): { granularity: 'hour' | 'day'; from: string; to: string } {
  const { granularity, hours } = PERIODS[period];
  const bucketMs = granularity === 'hour' ? 3_600_000 : 86_400_000;
  const end = Math.floor(now.getTime() / bucketMs) * bucketMs + bucketMs;
  const start = end - hours * 3_600_000;
  return { granularity, from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

/** A bucket's start as its axis label: the hour, or the day. */
export function bucketLabel(iso: string, granularity: 'hour' | 'day'): string {
  const date = new Date(iso);
  return granularity === 'hour'
    ? date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })
    : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}
