import type { ApiEnvironment } from '../api-environment';

export const RATING_API_SETTINGS = Symbol('RatingApiSettings');

export interface RatingApiSettings {
  /** Cap on any call's max duration (the dialog timeout), seconds. */
  readonly maxCallSeconds: number;
  /** How long an authorized call's reservation waits for `begin` or `release`, seconds. */
  readonly reservationTtlSeconds: number;
  /** How long Kamailio waits for a line or an inbound route to answer, seconds. */
  readonly inboundTimeoutSeconds: number;
}

export function ratingApiSettings(env: ApiEnvironment): RatingApiSettings {
  return {
    maxCallSeconds: env.RATING_MAX_CALL_SECONDS,
    reservationTtlSeconds: env.RATING_RESERVATION_TTL_SECONDS,
    inboundTimeoutSeconds: env.RATING_INBOUND_TIMEOUT_SECONDS,
  };
}
