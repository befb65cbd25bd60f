/** Test kit of @tollgate/rating: quick rates and amounts for the tests of packages that use the engine. */
import { Money } from '../money';
import { createRate, type Rate, type RateInput } from '../rate';

export const eur = (amount: string): Money => Money.of(amount, 'EUR');

/** A rate with easy numbers: 0.60 per minute is 0.01 per second, 1/1 pulses, 4 decimals half-up. */
export function rate(overrides: Partial<RateInput> = {}): Rate {
  return createRate(
    {
      prefix: '44',
      pricePerMinute: '0.60',
      firstInterval: 1,
      nextInterval: 1,
      rounding: { mode: 'half-up', decimals: 4 },
      ...overrides,
    },
    'EUR',
  );
}
