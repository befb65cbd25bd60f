import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callCost } from './call-cost';
import { largestTrue, maxDuration, poolMaxDuration, tariffMaxDuration, type PoolCall } from './max-duration';
import { Money } from './money';
import { type Rate, type RateInput } from './rate';
import { rateTariff } from './tariff';
import { amountArbitrary, rateArbitrary } from './testing/arbitraries';
import { eur, rate } from './testing';

describe('maxDuration', () => {
  it('credit 50, connect 3.0, 30 per minute, 30/6 → 90 s', () => {
    const priced = rate({ connectFee: '3.0', pricePerMinute: '30', firstInterval: 30, nextInterval: 6 });
    expect(maxDuration(priced, eur('50'))).toBe(90);
    expect(callCost(priced, 90).total.toString()).toBe('48');
    expect(callCost(priced, 91).total.toString()).toBe('51');
  });

  it.each<[string, Partial<RateInput>, string, number]>([
    [
      'first pulse unaffordable',
      { connectFee: '3.0', pricePerMinute: '30', firstInterval: 30, nextInterval: 6 },
      '17.99',
      0,
    ],
    [
      'exactly the first pulse',
      { connectFee: '3.0', pricePerMinute: '30', firstInterval: 30, nextInterval: 6 },
      '18',
      30,
    ],
    [
      'one cent short of a pulse',
      { connectFee: '3.0', pricePerMinute: '30', firstInterval: 30, nextInterval: 6 },
      '20.99',
      30,
    ],
    [
      'exactly two pulses',
      { connectFee: '3.0', pricePerMinute: '30', firstInterval: 30, nextInterval: 6 },
      '21',
      36,
    ],
    ['per second', {}, '1', 100],
    ['60/60', { firstInterval: 60, nextInterval: 60 }, '1.79', 120],
    ['free seconds on zero credit', { freeSeconds: 10 }, '0', 10],
    ['free seconds but a connect fee', { freeSeconds: 10, connectFee: '0.01' }, '0', 0],
    ['no-charge-below on zero credit', { noChargeBelow: 5 }, '0', 4],
    ['minimum charge above credit', { minCharge: '25' }, '24.99', 0],
    ['minimum charge reached', { minCharge: '0.50' }, '0.60', 60],
    ['free destination', { pricePerMinute: '0' }, '0', 86_400],
    [
      'rounded down to whole units',
      { pricePerMinute: '0.5', rounding: { mode: 'down', decimals: 0 } },
      '1',
      239,
    ],
    ['rounded up to cents', { pricePerMinute: '0.07', rounding: { mode: 'up', decimals: 2 } }, '0.01', 8],
  ])('%s', (_, overrides, credit, expected) => {
    expect(maxDuration(rate(overrides), eur(credit))).toBe(expected);
  });

  it('returns 0 on negative credit and respects maxSeconds', () => {
    expect(maxDuration(rate(), eur('-1'))).toBe(0);
    expect(maxDuration(rate(), eur('1000'), { maxSeconds: 3600 })).toBe(3600);
    expect(maxDuration(rate({ freeSeconds: 30 }), eur('0'), { maxSeconds: 10 })).toBe(10);
  });

  it('cost of max duration ≤ credit < cost of max duration + next interval', () => {
    fc.assert(
      fc.property(rateArbitrary, amountArbitrary(60, 3), (r, amount) => {
        const credit = eur(amount);
        const seconds = maxDuration(r, credit);
        expect(callCost(r, seconds).total.lte(credit)).toBe(true);
        if (seconds === 86_400) return;
        expect(callCost(r, seconds + 1).total.gt(credit)).toBe(true);
        expect(callCost(r, seconds + r.nextInterval).total.gt(credit)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('equals a second-by-second scan', () => {
    fc.assert(
      fc.property(rateArbitrary, amountArbitrary(3, 3), (r, amount) => {
        const credit = eur(amount);
        let scanned = 0;
        while (scanned < 600 && callCost(r, scanned + 1).total.lte(credit)) scanned++;
        expect(maxDuration(r, credit, { maxSeconds: 600 })).toBe(scanned);
        expect(tariffMaxDuration(rateTariff(r), credit, { maxSeconds: 600 })).toBe(scanned);
      }),
      { numRuns: 300 },
    );
  });
});

describe('poolMaxDuration', () => {
  const perMinute = rateTariff(rate({ firstInterval: 60, nextInterval: 60 }));
  const perSecond = rateTariff(rate());

  it('divides the pool between calls at their summed rate', () => {
    const calls: PoolCall[] = [
      { tariff: perSecond, elapsedSeconds: 0 },
      { tariff: perSecond, elapsedSeconds: 0 },
    ];
    expect(poolMaxDuration(eur('1.00'), calls)).toEqual({ seconds: 50, perCall: [100, 100] });
  });

  it('charges the next pulse of each call when it starts', () => {
    // The 60/60 call has paid its first minute at 30 s; its next minute costs 0.60 at second 61.
    const calls: PoolCall[] = [
      { tariff: perMinute, elapsedSeconds: 30 },
      { tariff: perSecond, elapsedSeconds: 500 },
    ];
    expect(poolMaxDuration(eur('1.00'), calls)).toEqual({ seconds: 40, perCall: [90, 100] });
  });

  it('is unlimited (maxSeconds) without calls and 0 on a negative balance', () => {
    expect(poolMaxDuration(eur('1'), [], { maxSeconds: 7200 }).seconds).toBe(7200);
    expect(poolMaxDuration(eur('-0.01'), [{ tariff: perSecond, elapsedSeconds: 3 }])).toEqual({
      seconds: 0,
      perCall: [0],
    });
  });

  it('stops exactly when the pool cannot pay the next pulse', () => {
    const call = fc.record({ rate: rateArbitrary, elapsedSeconds: fc.integer({ min: 0, max: 3600 }) });
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 5 }), amountArbitrary(20, 3), (calls, amount) => {
        const credit = eur(amount);
        const pool = calls.map((c): PoolCall => ({
          tariff: rateTariff(c.rate),
          elapsedSeconds: c.elapsedSeconds,
        }));
        const spent = (t: number) =>
          Money.sum(
            'EUR',
            calls.map((c) =>
              callCost(c.rate, c.elapsedSeconds + t).total.minus(callCost(c.rate, c.elapsedSeconds).total),
            ),
          );
        const { seconds, perCall } = poolMaxDuration(credit, pool);
        expect(spent(seconds).lte(credit)).toBe(true);
        if (seconds < 86_400) expect(spent(seconds + 1).gt(credit)).toBe(true);
        perCall.forEach((alone) => expect(alone).toBeGreaterThanOrEqual(seconds));
      }),
      { numRuns: 200 },
    );
  });

  it('for one call from zero equals maxDuration', () => {
    fc.assert(
      fc.property(rateArbitrary, amountArbitrary(20, 3), (r: Rate, amount) => {
        const pool = poolMaxDuration(eur(amount), [{ tariff: rateTariff(r), elapsedSeconds: 0 }]);
        expect(pool.seconds).toBe(maxDuration(r, eur(amount)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('largestTrue', () => {
  it('finds the last true value from any guess', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1, max: 1000 }),
        fc.option(fc.integer({ min: -50, max: 1050 })),
        (edge, guess) => {
          expect(largestTrue(0, 1000, (x) => x <= edge, guess ?? undefined)).toBe(edge);
        },
      ),
    );
  });
});
