import type { ApiEnvironment } from '../api-environment';

export const DID_SETTINGS = Symbol('DidSettings');

export interface DidSettings {
  /** Days a released number stays quarantined before it may be made available again (DID_QUARANTINE_DAYS). */
  readonly quarantineDays: number;
  /** How often the API looks for lapsed reservations and finished quarantines, milliseconds. */
  readonly holdsCheckIntervalMs: number;
  /** How often the API posts the monthly fees that are due, milliseconds (see PostDidMonthlyFeesJob). */
  readonly monthlyFeesIntervalMs: number;
}

export function didSettings(env: ApiEnvironment): DidSettings {
  return {
    quarantineDays: env.DID_QUARANTINE_DAYS,
    holdsCheckIntervalMs: 60_000,
    monthlyFeesIntervalMs: 3_600_000,
  };
}

/** When a number released at `now` leaves quarantine. */
export function quarantineEnd(now: Date, settings: DidSettings): Date {
  return new Date(now.getTime() + settings.quarantineDays * 86_400_000);
}
