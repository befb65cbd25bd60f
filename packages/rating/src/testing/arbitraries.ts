import fc from 'fast-check';
import { Money, type RoundingMode } from '../money';
import { createRate, type Rate, type RateInput } from '../rate';

const MODES: readonly RoundingMode[] = ['up', 'half-up', 'half-even', 'down'];

/** Decimal string with up to `decimals` places below `max` (integer part). */
export const amountArbitrary = (max: number, decimals: number): fc.Arbitrary<string> =>
  fc.bigInt({ min: 0n, max: BigInt(max) * 10n ** BigInt(decimals) }).map((units) =>
    Money.of(units.toString(), 'EUR')
      .dividedBy(10 ** decimals)
      .toString(),
  );

export const rateInputArbitrary: fc.Arbitrary<RateInput> = fc.record({
  prefix: fc.constant('44'),
  pricePerMinute: amountArbitrary(5, 4),
  connectFee: fc.oneof(fc.constant('0'), amountArbitrary(1, 3)),
  minCharge: fc.oneof(fc.constant('0'), amountArbitrary(2, 2)),
  firstInterval: fc.constantFrom(1, 6, 30, 60, 90),
  nextInterval: fc.constantFrom(1, 6, 30, 60),
  freeSeconds: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })),
  noChargeBelow: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })),
  rounding: fc.record({ mode: fc.constantFrom(...MODES), decimals: fc.integer({ min: 0, max: 5 }) }),
});

export const rateArbitrary: fc.Arbitrary<Rate> = rateInputArbitrary.map((input) => createRate(input, 'EUR'));
