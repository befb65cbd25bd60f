import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callCost } from './call-cost';
import { type RoundingMode } from './money';
import { type RateInput } from './rate';
import { rateArbitrary } from './testing/arbitraries';
import { rate } from './testing';

/** [duration seconds, billed seconds, total] for a rate; 0.60 per minute = 0.01 per second. */
type Table = Array<[number, number, string]>;

function expectTable(overrides: Partial<RateInput>, table: Table): void {
  const priced = rate(overrides);
  for (const [duration, billed, total] of table) {
    const cost = callCost(priced, duration);
    expect([duration, cost.billedSeconds, cost.total.toString()]).toEqual([duration, billed, total]);
  }
}

describe('callCost: pulses', () => {
  it('60/60 bills every started minute', () => {
    expectTable({ firstInterval: 60, nextInterval: 60 }, [
      [0, 0, '0'],
      [1, 60, '0.6'],
      [60, 60, '0.6'],
      [61, 120, '1.2'],
      [121, 180, '1.8'],
    ]);
  });

  it('60/1 bills a minute, then per second', () => {
    expectTable({ firstInterval: 60, nextInterval: 1 }, [
      [1, 60, '0.6'],
      [60, 60, '0.6'],
      [61, 61, '0.61'],
      [90, 90, '0.9'],
    ]);
  });

  it('30/6 bills a 12 s call as 30 s and a 39 s call as 42 s', () => {
    expectTable({ firstInterval: 30, nextInterval: 6 }, [
      [1, 30, '0.3'],
      [12, 30, '0.3'],
      [30, 30, '0.3'],
      [31, 36, '0.36'],
      [39, 42, '0.42'],
      [42, 42, '0.42'],
      [43, 48, '0.48'],
    ]);
  });

  it('1/1 bills per second', () => {
    expectTable({ firstInterval: 1, nextInterval: 1 }, [
      [1, 1, '0.01'],
      [59, 59, '0.59'],
      [61, 61, '0.61'],
    ]);
  });
});

describe('callCost: connect fee, free seconds, no-charge-below, minimum charge', () => {
  it('charges the connect fee on answered calls only', () => {
    expectTable({ connectFee: '0.05', firstInterval: 60, nextInterval: 1 }, [
      [0, 0, '0'],
      [1, 60, '0.65'],
      [61, 61, '0.66'],
    ]);
    expect(callCost(rate({ connectFee: '0.05' }), 0).connectFee.toString()).toBe('0');
  });

  it('starts pulses after the free seconds', () => {
    expectTable({ freeSeconds: 10, firstInterval: 30, nextInterval: 6 }, [
      [5, 0, '0'],
      [10, 0, '0'],
      [11, 30, '0.3'],
      [40, 30, '0.3'],
      [41, 36, '0.36'],
    ]);
  });

  it('still charges the connect fee within the free seconds', () => {
    expectTable({ freeSeconds: 10, connectFee: '0.05' }, [
      [5, 0, '0.05'],
      [12, 2, '0.07'],
    ]);
  });

  it('makes calls shorter than no-charge-below free, connect fee and minimum included', () => {
    expectTable({ noChargeBelow: 5, connectFee: '0.05', minCharge: '0.50' }, [
      [4, 0, '0'],
      [5, 5, '0.5'],
      [50, 50, '0.55'],
    ]);
    const short = callCost(rate({ noChargeBelow: 5, connectFee: '0.05' }), 4);
    expect(short).toMatchObject({ answered: true, belowNoCharge: true, minChargeApplied: false });
  });

  it('counts no-charge-below on the whole duration, free seconds included', () => {
    expectTable({ freeSeconds: 10, noChargeBelow: 15, connectFee: '0.05' }, [
      [14, 0, '0'],
      [15, 5, '0.1'],
    ]);
  });

  it('raises the total to the minimum charge', () => {
    expectTable({ minCharge: '1.00', firstInterval: 60, nextInterval: 1 }, [
      [61, 61, '1'],
      [100, 100, '1'],
      [101, 101, '1.01'],
    ]);
    const cost = callCost(rate({ minCharge: '1.00' }), 30);
    expect(cost.minChargeApplied).toBe(true);
    expect(cost.timeCharge.toString()).toBe('0.3');
  });

  it('combines every convention: connect 0.10, 30/6, 5 free, no charge below 3, minimum 0.25', () => {
    expectTable(
      {
        connectFee: '0.10',
        firstInterval: 30,
        nextInterval: 6,
        freeSeconds: 5,
        noChargeBelow: 3,
        minCharge: '0.25',
      },
      [
        [2, 0, '0'],
        [3, 0, '0.25'],
        [20, 30, '0.4'],
        [36, 36, '0.46'],
        [47, 42, '0.52'],
        [48, 48, '0.58'],
      ],
    );
  });
});

describe('callCost: rounding', () => {
  // 0.07 per minute: 1 s = 0.00116…, 30 s = 0.035, 45 s = 0.0525, 90 s = 0.105.
  it.each<[RoundingMode, [string, string, string, string]]>([
    ['up', ['0.01', '0.04', '0.06', '0.11']],
    ['half-up', ['0', '0.04', '0.05', '0.11']],
    ['half-even', ['0', '0.04', '0.05', '0.1']],
    ['down', ['0', '0.03', '0.05', '0.1']],
  ])('%s to 2 decimals', (mode, expected) => {
    const priced = rate({ pricePerMinute: '0.07', rounding: { mode, decimals: 2 } });
    expect([1, 30, 45, 90].map((seconds) => callCost(priced, seconds).total.toString())).toEqual(expected);
  });

  it('keeps the unrounded amount', () => {
    const cost = callCost(rate({ pricePerMinute: '0.07', rounding: { mode: 'up', decimals: 2 } }), 1);
    expect(cost.unrounded.toString()).toBe('0.001166666666666666666666666666666666666667');
    expect(cost.total.toString()).toBe('0.01');
  });

  it('rounds once, on the total (connect fee + time), not per component', () => {
    // 0.004 + 0.004 = 0.008 → 0.01; rounding each first would give 0.00 + 0.00.
    const priced = rate({
      connectFee: '0.004',
      pricePerMinute: '0.24',
      rounding: { mode: 'half-up', decimals: 2 },
    });
    expect(callCost(priced, 1).total.toString()).toBe('0.01');
  });

  it('reports a full breakdown', () => {
    const priced = rate({ connectFee: '0.05', firstInterval: 30, nextInterval: 6, freeSeconds: 2 });
    expect(JSON.parse(JSON.stringify(callCost(priced, 40)))).toMatchObject({
      durationSeconds: 40,
      answered: true,
      belowNoCharge: false,
      freeSeconds: 2,
      chargeableSeconds: 38,
      billedSeconds: 42,
      connectFee: { amount: '0.05', currency: 'EUR' },
      parts: [{ fromSecond: 2, billedSeconds: 42, amount: { amount: '0.42' } }],
      timeCharge: { amount: '0.42' },
      minChargeApplied: false,
      unrounded: { amount: '0.47' },
      total: { amount: '0.47', currency: 'EUR' },
      rounding: { mode: 'half-up', decimals: 4 },
    });
  });

  it('rejects fractional and negative durations', () => {
    expect(() => callCost(rate(), 1.5)).toThrow(RangeError);
    expect(() => callCost(rate(), -1)).toThrow(RangeError);
  });
});

describe('callCost: invariants', () => {
  it('never decreases with duration', () => {
    fc.assert(
      fc.property(
        rateArbitrary,
        fc.integer({ min: 0, max: 7200 }),
        fc.integer({ min: 0, max: 600 }),
        (r, a, extra) => {
          const shorter = callCost(r, a);
          const longer = callCost(r, a + extra);
          expect(shorter.total.lte(longer.total)).toBe(true);
          expect(shorter.unrounded.lte(longer.unrounded)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('bills at least the chargeable seconds and less than one extra pulse', () => {
    fc.assert(
      fc.property(rateArbitrary, fc.integer({ min: 0, max: 7200 }), (r, duration) => {
        const cost = callCost(r, duration);
        if (cost.chargeableSeconds === 0) {
          expect(cost.billedSeconds).toBe(0);
          return;
        }
        expect(cost.billedSeconds).toBeGreaterThanOrEqual(Math.max(cost.chargeableSeconds, r.firstInterval));
        expect(cost.billedSeconds - cost.chargeableSeconds).toBeLessThan(
          Math.max(r.firstInterval, r.nextInterval),
        );
      }),
      { numRuns: 500 },
    );
  });
});
