import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, Money } from './money';
import { normalizeDestination } from './normalize-destination';
import { type PeriodDefinition } from './periods';
import { pulsedSeconds } from './pulses';
import { type Rate, type RateInput } from './rate';
import { RateCard, type RateCardInput } from './rate-card';
import { poolMaxDuration, tariffMaxDuration } from './max-duration';
import { eur } from './testing';

const at = (iso: string): number => Date.parse(iso);
const PEAK_OFFPEAK: PeriodDefinition[] = [
  { name: 'peak', weekdays: [1, 2, 3, 4, 5], times: [{ from: '08:00', to: '19:00' }] },
  { name: 'offpeak' },
];
const row = (prefix: string, pricePerMinute: string, extra: Partial<RateInput> = {}): RateInput => ({
  prefix,
  pricePerMinute,
  firstInterval: 1,
  nextInterval: 1,
  rounding: { mode: 'half-up', decimals: 4 },
  ...extra,
});
const card = (rates: RateInput[], extra: Partial<RateCardInput> = {}): RateCard =>
  RateCard.build({ currency: 'EUR', timeZone: 'Europe/London', periods: PEAK_OFFPEAK, rates, ...extra });
const MONDAY_NOON = at('2026-11-23T12:00:00Z');
const SATURDAY_NOON = at('2026-11-28T12:00:00Z');

describe('RateCard.lookup', () => {
  const deck = card([
    row('4', '0.40'),
    row('44', '0.44'),
    row('447', '0.447'),
    row('', '1.00'),
    row('1', '0.01'),
  ]);

  it.each<[string, string | undefined]>([
    ['447911123456', '447'],
    ['441611234567', '44'],
    ['491234', '4'],
    ['33123456', ''],
    ['+447911123456', '447'],
    ['00447911123456', '447'],
    ['sip:+447911123456@gw.example.com;user=phone', '447'],
    ['sip:alice@example.com', undefined],
  ])('%s → prefix %s', (destination, prefix) => {
    expect(deck.lookup(destination, MONDAY_NOON)?.prefix).toBe(prefix);
  });

  it('finds nothing without a matching prefix or catch-all', () => {
    expect(card([row('44', '0.44')]).lookup('33123', MONDAY_NOON)).toBeUndefined();
  });

  it('uses only rates in force at the instant, the latest effective one winning', () => {
    const deck = card([
      row('44', '0.10', { effectiveTo: '2026-01-01T00:00:00Z' }),
      row('44', '0.20', { effectiveFrom: '2026-01-01T00:00:00Z' }),
      row('44', '0.30', { effectiveFrom: '2026-06-01T00:00:00Z', effectiveTo: '2026-07-01T00:00:00Z' }),
      row('4', '0.99', { effectiveFrom: '2027-01-01T00:00:00Z' }),
    ]);
    const price = (iso: string) => deck.lookup('4420', at(iso))?.pricePerMinute.toString();
    expect(price('2025-12-31T23:59:59Z')).toBe('0.1');
    expect(price('2026-01-01T00:00:00Z')).toBe('0.2');
    expect(price('2026-06-15T00:00:00Z')).toBe('0.3');
    expect(price('2026-07-01T00:00:00Z')).toBe('0.2');
  });

  it('prefers the period rate on the same prefix, but a longer prefix always wins', () => {
    const deck = card([
      row('44', '0.05'),
      row('44', '0.10', { period: 'peak' }),
      row('447', '0.20'),
      row('449', '0.30', { period: 'peak' }),
    ]);
    expect(deck.lookup('4420', MONDAY_NOON)?.pricePerMinute.toString()).toBe('0.1');
    expect(deck.lookup('4420', SATURDAY_NOON)?.pricePerMinute.toString()).toBe('0.05');
    expect(deck.lookup('4479', MONDAY_NOON)?.pricePerMinute.toString()).toBe('0.2');
    expect(deck.lookup('4499', MONDAY_NOON)?.pricePerMinute.toString()).toBe('0.3');
    // Outside its period a longer prefix does not apply and the shorter one takes over.
    expect(deck.lookup('4499', SATURDAY_NOON)?.pricePerMinute.toString()).toBe('0.05');
  });

  it('reads periods in the card time zone', () => {
    const deck = card([row('1', '0.10', { period: 'peak' }), row('1', '0.05', { period: 'offpeak' })], {
      timeZone: 'America/New_York',
    });
    // 12:00 UTC is 07:00 in New York: still off-peak there.
    expect(deck.lookup('1212', MONDAY_NOON)?.period).toBe('offpeak');
    expect(deck.lookup('1212', at('2026-11-23T13:00:00Z'))?.period).toBe('peak');
  });

  it('equals a brute-force scan on random decks', () => {
    const instants = [at('2025-12-31T23:00:00Z'), at('2026-03-29T00:30:00Z'), at('2026-11-23T07:59:00Z')];
    const effective = fc.constantFrom(undefined, instants[0], instants[1], instants[2]);
    const rate = fc
      .record({
        prefix: fc.string({ unit: fc.constantFrom('1', '2', '3'), maxLength: 4 }),
        price: fc.integer({ min: 0, max: 999 }),
        period: fc.constantFrom(undefined, 'peak', 'night'),
        from: effective,
        to: effective,
      })
      .filter((r) => r.from === undefined || r.to === undefined || r.from < r.to)
      .map((r) =>
        row(r.prefix, `0.${r.price}`, { period: r.period, effectiveFrom: r.from, effectiveTo: r.to }),
      );
    const periods: PeriodDefinition[] = [
      { name: 'night', times: [{ from: '22:00', to: '06:00' }] },
      { name: 'peak', weekdays: [1, 2, 3, 4, 5], times: [{ from: '08:00', to: '19:00' }] },
    ];
    fc.assert(
      fc.property(
        fc.array(rate, { maxLength: 60 }),
        fc.array(fc.string({ unit: fc.constantFrom('1', '2', '3'), maxLength: 6 }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.array(fc.integer({ min: instants[0] as number, max: at('2026-12-31T00:00:00Z') }), {
          minLength: 1,
        }),
        fc.constantFrom('Europe/London', 'Asia/Tokyo', 'UTC'),
        (rows, destinations, times, timeZone) => {
          const deck = RateCard.build({ currency: 'EUR', timeZone, periods, rates: rows });
          for (const destination of destinations) {
            for (const time of [...times, ...instants]) {
              const expected = bruteForce(deck.rates, destination, time, deck.schedule.periodAt(time));
              expect(deck.lookup(destination, time)).toBe(expected);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('RateCard.rateCall', () => {
  const deck = card([
    row('44', '0.12', { period: 'peak', connectFee: '0.02', firstInterval: 60, nextInterval: 60 }),
    row('44', '0.06', { period: 'offpeak', connectFee: '0.50', firstInterval: 1, nextInterval: 1 }),
  ]);

  it('splits a call at a period boundary, pulses from the call rate', () => {
    // 18:59:30 London, 95 s: billed 120 s (60/60 of the peak rate); 30 s peak, 90 s off-peak.
    const cost = deck.rateCall({
      destination: '+442071234567',
      startedAt: at('2026-11-23T18:59:30Z'),
      durationSeconds: 95,
    });
    expect(cost?.billedSeconds).toBe(120);
    expect(cost?.parts.map((p) => [p.period, p.fromSecond, p.billedSeconds, p.amount.toString()])).toEqual([
      ['peak', 0, 30, '0.06'],
      ['offpeak', 30, 90, '0.09'],
    ]);
    expect(cost?.connectFee.toString()).toBe('0.02');
    expect(cost?.total.toString()).toBe('0.17');
    expect(cost?.destination).toBe('442071234567');
  });

  it('rounds once per call, not per part', () => {
    const deck = card([
      row('44', '0.07', { period: 'peak', rounding: { mode: 'half-up', decimals: 2 } }),
      row('44', '0.05', { period: 'offpeak' }),
    ]);
    // 30 s at 0.07 (0.035) + 30 s at 0.05 (0.025) = 0.06; rounding each part first would give 0.07.
    const cost = deck.rateCall({
      destination: '4420',
      startedAt: at('2026-11-23T18:59:30Z'),
      durationSeconds: 60,
    });
    expect(cost?.parts.map((p) => p.amount.toString())).toEqual(['0.035', '0.025']);
    expect(cost?.total.toString()).toBe('0.06');
  });

  it('skips the free seconds before pricing by period', () => {
    const deck = card([
      row('44', '0.60', { period: 'peak', freeSeconds: 20 }),
      row('44', '1.20', { period: 'offpeak' }),
    ]);
    const cost = deck.rateCall({
      destination: '4420',
      startedAt: at('2026-11-23T18:59:30Z'),
      durationSeconds: 60,
    });
    expect(cost?.parts.map((p) => [p.period, p.fromSecond, p.billedSeconds])).toEqual([
      ['peak', 20, 10],
      ['offpeak', 30, 30],
    ]);
    expect(cost?.total.toString()).toBe('0.7');
  });

  it('keeps the price in force at the call start when the deck changes mid-call', () => {
    const deck = card([
      row('44', '0.60', { effectiveTo: '2026-01-01T00:00:00Z' }),
      row('44', '6.00', { effectiveFrom: '2026-01-01T00:00:00Z' }),
    ]);
    const cost = deck.rateCall({
      destination: '4420',
      startedAt: at('2025-12-31T23:59:00Z'),
      durationSeconds: 120,
    });
    expect(cost?.total.toString()).toBe('1.2');
  });

  it('keeps the call rate price when a later period has no rate for the destination', () => {
    const deck = card([row('44', '0.60', { period: 'peak' })]);
    const cost = deck.rateCall({
      destination: '4420',
      startedAt: at('2026-11-23T18:59:00Z'),
      durationSeconds: 120,
    });
    expect(cost?.parts).toHaveLength(1);
    expect(cost?.total.toString()).toBe('1.2');
  });

  it('returns undefined when no rate applies at the start', () => {
    expect(deck.rateCall({ destination: '33', startedAt: MONDAY_NOON, durationSeconds: 60 })).toBeUndefined();
  });

  it('prices every billed second by the period it falls in (split sums to the total)', () => {
    const halfHour = (h: number) => `${String((h % 48) >> 1).padStart(2, '0')}:${h % 2 ? '30' : '00'}`;
    // Short windows (30 min to 3 h) so that calls of up to 3 h often cross several boundaries.
    const window = fc
      .tuple(fc.noBias(fc.integer({ min: 0, max: 47 })), fc.integer({ min: 1, max: 6 }))
      .map(([from, length]) => ({ from: halfHour(from), to: halfHour(from + length) }));
    const periods = fc.array(window, { minLength: 3, maxLength: 3 });
    const price = fc
      .integer({ min: 0, max: 5000 })
      .map((p) => Money.of(String(p), 'EUR').dividedBy(1000).toString());
    const starts = [
      '2026-03-29T00:00:00Z',
      '2026-10-24T22:00:00Z',
      '2026-11-23T06:00:00Z',
      '2026-11-27T20:00:00Z',
    ];
    fc.assert(
      fc.property(
        periods,
        fc.tuple(price, price, price, price),
        // A period-less 447 would price every second alike, so longer prefixes only come with a period.
        fc.array(
          fc
            .tuple(fc.constantFrom('4', '44', '447'), fc.constantFrom(undefined, 'a', 'b', 'c'), price)
            .filter(([prefix, period]) => prefix !== '447' || period !== undefined),
          { maxLength: 6 },
        ),
        fc.record({
          firstInterval: fc.constantFrom(1, 30, 60),
          nextInterval: fc.constantFrom(1, 6, 60),
          freeSeconds: fc.constantFrom(0, 0, 15),
          connectFee: fc.constantFrom('0', '0.05'),
          minCharge: fc.constantFrom('0', '0.3'),
        }),
        fc.constantFrom(...starts),
        fc.noBias(fc.integer({ min: 0, max: 6 * 3600 })),
        fc.noBias(fc.integer({ min: 0, max: 3 * 3600 })),
        (windows, [base, a, b, c], extra, terms, start, offset, duration) => {
          const rates: Array<[string, string | undefined, string]> = [
            ['44', undefined, base],
            ['44', 'a', a],
            ['44', 'b', b],
            ['44', 'c', c],
            ...extra,
          ];
          const deck = RateCard.build({
            currency: 'EUR',
            timeZone: 'Europe/London',
            periods: windows.map((w, i) => ({ name: 'abc'[i] as string, times: [w] })),
            rates: rates.map(([prefix, period, ppm]) => row(prefix, ppm, { ...terms, period })),
          });
          const startedAt = at(start) + offset * 1000;
          const cost = deck.rateCall({ destination: '447911', startedAt, durationSeconds: duration });
          const expected = perSecondCost(deck, '447911', startedAt, duration);
          expect(cost?.total.toString()).toBe(expected?.total);
          expect(cost?.unrounded.toString()).toBe(expected?.unrounded);
          if (!cost) return;
          expect(cost.parts.reduce((sum, p) => sum + p.billedSeconds, 0)).toBe(cost.billedSeconds);
          cost.parts.forEach((p, i) =>
            expect(p.fromSecond).toBe(
              i === 0
                ? cost.freeSeconds
                : (cost.parts[i - 1]?.fromSecond ?? 0) + (cost.parts[i - 1]?.billedSeconds ?? 0),
            ),
          );
          const partsSum = cost.parts.reduce((sum, p) => sum.plus(p.amount), Money.zero('EUR'));
          expect(partsSum.minus(cost.timeCharge).amount.abs().lt('1e-30')).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('RateCard.maxDuration', () => {
  it('never returns a duration whose cost exceeds the credit, across periods', () => {
    const deck = card([
      row('44', '0.30', { period: 'peak', connectFee: '0.10', firstInterval: 30, nextInterval: 6 }),
      row('44', '0.90', { period: 'offpeak' }),
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 7200 }), (cents, offset) => {
        const credit = Money.of(String(cents), 'EUR').dividedBy(100);
        const startedAt = at('2026-11-23T18:00:00Z') + offset * 1000;
        const tariff = deck.tariff('4420', startedAt);
        const seconds = deck.maxDuration({ destination: '4420', startedAt, credit }) as number;
        expect(tariff && tariffMaxDuration(tariff, credit)).toBe(seconds);
        expect(tariff?.cost(seconds).total.lte(credit)).toBe(true);
        expect(tariff?.cost(seconds + 1).total.gt(credit)).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(deck.maxDuration({ destination: '33', startedAt: MONDAY_NOON, credit: eur('1') })).toBeUndefined();
  });
});

describe('RateCard.tariff in a credit pool', () => {
  it('stops the calls when the pool cannot pay the next pulse, prices changing at 19:00', () => {
    const deck = card([
      row('44', '0.30', { period: 'peak', connectFee: '0.10', firstInterval: 30, nextInterval: 6 }),
      row('44', '0.90', { period: 'offpeak' }),
    ]);
    const first = deck.tariff('4420', at('2026-11-23T18:58:00Z'));
    const second = deck.tariff('4421', at('2026-11-23T18:59:00Z'));
    if (!first || !second) throw new Error('no tariff');
    const calls = [
      { tariff: first, elapsedSeconds: 90 },
      { tariff: second, elapsedSeconds: 30 },
    ];
    const spent = (t: number) =>
      Money.sum(
        'EUR',
        calls.map((c) =>
          c.tariff.cost(c.elapsedSeconds + t).total.minus(c.tariff.cost(c.elapsedSeconds).total),
        ),
      );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), (cents) => {
        const credit = Money.of(String(cents), 'EUR').dividedBy(100);
        const { seconds } = poolMaxDuration(credit, calls);
        expect(spent(seconds).lte(credit)).toBe(true);
        expect(spent(seconds + 1).gt(credit)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('RateCard.build', () => {
  it.each<[string, RateInput, RegExp]>([
    ['unknown period', row('44', '1', { period: 'night' }), /unknown period/],
    ['non-digit prefix', row('+44', '1'), /prefix/],
    ['16-digit prefix', row('1234567890123456', '1'), /prefix/],
    ['negative price', row('44', '-1'), /negative/],
    ['zero interval', row('44', '1', { nextInterval: 0 }), /nextInterval/],
    [
      'empty validity',
      row('44', '1', { effectiveFrom: '2026-01-01', effectiveTo: '2026-01-01' }),
      /effectiveTo/,
    ],
    ['bad rounding', row('44', '1', { rounding: { mode: 'ceiling' as 'up', decimals: 2 } }), /rounding mode/],
  ])('rejects %s', (_, input, message) => {
    expect(() => card([input])).toThrow(message);
  });

  it('serialises a rate with its terms', () => {
    const rate = card([row('44', '0.5', { effectiveFrom: '2026-01-01T00:00:00Z', period: 'peak' })]).rates[0];
    expect(JSON.parse(JSON.stringify(rate))).toEqual({
      prefix: '44',
      currency: 'EUR',
      pricePerMinute: '0.5',
      connectFee: '0',
      minCharge: '0',
      firstInterval: 1,
      nextInterval: 1,
      freeSeconds: 0,
      noChargeBelow: 0,
      rounding: { mode: 'half-up', decimals: 4 },
      effectiveFrom: '2026-01-01T00:00:00.000Z',
      effectiveTo: null,
      period: 'peak',
    });
  });
});

/** Reference rule, written independently of the index: filter, then sort by the documented precedence. */
function bruteForce(rates: readonly Rate[], destination: string, time: number, period: string | undefined) {
  const digits = normalizeDestination(destination);
  if (digits === undefined) return undefined;
  const candidates = rates
    .map((rate, index) => ({ rate, index }))
    .filter(({ rate }) => digits.startsWith(rate.prefix))
    .filter(({ rate }) => rate.effectiveFrom <= time && time < rate.effectiveTo)
    .filter(({ rate }) => rate.period === undefined || rate.period === period);
  candidates.sort(
    (a, b) =>
      b.rate.prefix.length - a.rate.prefix.length ||
      Number(b.rate.period !== undefined) - Number(a.rate.period !== undefined) ||
      (b.rate.effectiveFrom === a.rate.effectiveFrom ? 0 : b.rate.effectiveFrom - a.rate.effectiveFrom) ||
      a.index - b.index,
  );
  return candidates[0]?.rate;
}

/** The whole pricing rule, one second at a time. */
function perSecondCost(deck: RateCard, digits: string, startMs: number, duration: number) {
  const callRate = bruteForce(deck.rates, digits, startMs, deck.schedule.periodAt(startMs));
  if (callRate === undefined) return undefined;
  const round = (value: InstanceType<typeof Dec>) =>
    Money.of(value, 'EUR').round(callRate.rounding).toString();
  if (duration === 0 || duration < callRate.noChargeBelow)
    return { total: round(new Dec(0)), unrounded: '0' };
  const free = Math.min(callRate.freeSeconds, duration);
  const billed = pulsedSeconds(duration - free, callRate.firstInterval, callRate.nextInterval);
  let priceSeconds = new Dec(0);
  for (let second = free; second < free + billed; second++) {
    const period = deck.schedule.periodAt(startMs + second * 1000);
    const rate = bruteForce(deck.rates, digits, startMs, period) ?? callRate;
    priceSeconds = priceSeconds.plus(rate.pricePerMinute.amount);
  }
  const raw = callRate.connectFee.amount.plus(priceSeconds.dividedBy(60));
  const unrounded = raw.lt(callRate.minCharge.amount) ? callRate.minCharge.amount : raw;
  return { total: round(unrounded), unrounded: unrounded.toFixed() };
}
