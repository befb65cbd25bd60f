import { callCost, type CallCost } from './call-cost';
import { type Rate } from './rate';

/**
 * The price of one call as a function of its duration: what call control meters every second and what
 * max-duration searches. Built once when the call starts.
 */
export interface Tariff {
  /** Rate matched at the call start (its conventions govern the whole call). */
  readonly rate: Rate;
  readonly currency: string;
  /** Every second is priced by `rate` (no period boundary can change the price). */
  readonly uniform: boolean;
  cost(durationSeconds: number): CallCost;
}

export function rateTariff(rate: Rate): Tariff {
  return { rate, currency: rate.currency, uniform: true, cost: (seconds) => callCost(rate, seconds) };
}
