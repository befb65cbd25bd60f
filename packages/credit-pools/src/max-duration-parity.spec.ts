import { randomUUID } from 'node:crypto';
import {
  callCost,
  maxDuration,
  Money,
  poolMaxDuration,
  rateTariff,
  type Rate,
  type RateInput,
  type RoundingMode,
} from '@tollgate/rating';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eurRate, later, openTestPools, prepaid, reserveRequest, T0, topUp, type TestPools } from './testing';

/**
 * The reserve script computes max durations and reservations in Lua with integers; packages/rating is
 * the reference. Every case runs the real script on Redis and compares to the micro-unit.
 */
let kit: TestPools;

beforeAll(async () => {
  kit = await openTestPools({ reservationTtlSeconds: 7200 });
});

afterAll(async () => {
  await kit.close();
});

const eur = (amount: string): Money => Money.of(amount, 'EUR');

interface Expected {
  seconds: number;
  reserved: string;
}

/** What packages/rating says a fresh pool with `credit` gives a call at `rate`. */
function expectedSingle(rate: Rate, credit: string, cap: number): Expected {
  const seconds = maxDuration(rate, eur(credit), { maxSeconds: cap });
  return { seconds, reserved: callCost(rate, seconds).total.toString() };
}

async function actualSingle(rate: Rate, credit: string, cap: number): Promise<Expected> {
  const result = await kit.pools.reserve(reserveRequest({ rate, seed: prepaid(credit), maxSeconds: cap }));
  if (result.status === 'no-credit') return { seconds: 0, reserved: '0' };
  if (result.status !== 'reserved') throw new Error(JSON.stringify(result));
  expect(result.available.toFixed()).toBe(new Decimal(credit).minus(result.reserved).toFixed());
  return { seconds: result.maxSeconds, reserved: result.reserved.toFixed() };
}

const TABLE: Array<[string, Partial<RateInput>, string, number]> = [
  [
    'the issue example: 30/6, connect 3.0, 30 per minute, credit 50',
    { pricePerMinute: '30', connectFee: '3.0', firstInterval: 30, nextInterval: 6 },
    '50',
    86_400,
  ],
  ['30/6 at 0.60', { firstInterval: 30, nextInterval: 6 }, '1.00', 86_400],
  ['60/60 at 0.60', { firstInterval: 60, nextInterval: 60 }, '1.00', 86_400],
  ['60/60, credit just below the first minute', { firstInterval: 60, nextInterval: 60 }, '0.59', 86_400],
  ['1/1 at 0.60', {}, '0.37', 86_400],
  ['60/1 with a connect fee', { firstInterval: 60, nextInterval: 1, connectFee: '0.05' }, '0.66', 86_400],
  ['connect fee above the credit', { connectFee: '0.5' }, '0.49', 86_400],
  [
    'free seconds without connect fee on zero credit',
    { freeSeconds: 10, firstInterval: 30, nextInterval: 6 },
    '0',
    86_400,
  ],
  ['no charge below 5 on zero credit', { noChargeBelow: 5, connectFee: '0.05' }, '0', 86_400],
  ['minimum charge', { firstInterval: 1, nextInterval: 1, minCharge: '0.50' }, '0.75', 86_400],
  ['minimum charge above the credit', { minCharge: '0.50', noChargeBelow: 3 }, '0.49', 86_400],
  [
    '0.07 per minute rounded up to cents',
    { pricePerMinute: '0.07', rounding: { mode: 'up', decimals: 2 } },
    '0.10',
    86_400,
  ],
  ['rounded down', { pricePerMinute: '0.07', rounding: { mode: 'down', decimals: 2 } }, '0.10', 86_400],
  [
    'half-even on ties',
    { pricePerMinute: '0.03', rounding: { mode: 'half-even', decimals: 2 } },
    '0.10',
    86_400,
  ],
  [
    '8-decimal price, 6-decimal rounding',
    { pricePerMinute: '0.01234567', rounding: { mode: 'half-up', decimals: 6 } },
    '0.01',
    86_400,
  ],
  ['0 decimals', { pricePerMinute: '1.5', rounding: { mode: 'up', decimals: 0 } }, '3', 86_400],
  ['a free destination gives the cap', { pricePerMinute: '0' }, '0', 7_200],
  ['the cap binds', {}, '1000', 3_600],
  ['negative credit', {}, '-0.01', 86_400],
];

describe('max duration of one call equals packages/rating maxDuration', () => {
  it.each(TABLE)('%s', async (_name, overrides, credit, cap) => {
    const rate = eurRate(overrides);
    expect(await actualSingle(rate, credit, cap)).toEqual(expectedSingle(rate, credit, cap));
  });

  it('gives 90 s and reserves 48 for the issue example', async () => {
    const rate = eurRate({ pricePerMinute: '30', connectFee: '3.0', firstInterval: 30, nextInterval: 6 });
    expect(await actualSingle(rate, '50', 86_400)).toEqual({ seconds: 90, reserved: '48' });
  });

  it('matches on 400 seeded random terms and credits', async () => {
    const random = seeded(20260302);
    for (let i = 0; i < 400; i++) {
      const rate = randomRate(random);
      const credit = random.chance(0.7) ? random.amount(3, 6) : random.amount(60, 6);
      const cap = random.pick([30, 600, 3600, 86_400]);
      const actual = await actualSingle(rate, credit, cap);
      expect({ case: i, ...actual }).toEqual({ case: i, ...expectedSingle(rate, credit, cap) });
    }
  });
});

interface OtherCall {
  rate: Rate;
  /** Seconds since answer, or null while it rings. */
  elapsed: number | null;
}

/**
 * A pool with `others` already on it (answered `elapsed` seconds before `now`, or ringing) and `credit`
 * left once their cost so far is paid; then one more call at `rate`. Compares the script's horizon and
 * every reservation with poolMaxDuration.
 */
async function comparePool(others: OtherCall[], rate: Rate, credit: string, cap: number, label: string) {
  const accountId = randomUUID();
  const now = later(1000);
  const ids: string[] = [];
  for (const other of others) {
    const request = { ...reserveRequest({ rate: other.rate, seed: prepaid('100000') }), accountId };
    expect((await kit.pools.reserve(request)).status).toBe('reserved');
    if (other.elapsed !== null) {
      await kit.pools.begin({ accountId, callId: request.callId, now: later(-other.elapsed, now) });
    }
    ids.push(request.callId);
  }
  const paid = others.map((other) => callCost(other.rate, other.elapsed ?? 0).total);
  const base = Money.sum('EUR', paid).plus(eur(credit));
  await kit.pools.applyLedgerEntry(accountId, {
    ...topUp(base.minus(eur('100000')).toString(), base.toString(), 1n),
    now: T0,
  });

  const calls = [...others.map((o) => ({ tariff: rateTariff(o.rate), elapsedSeconds: o.elapsed ?? 0 }))];
  calls.push({ tariff: rateTariff(rate), elapsedSeconds: 0 });
  const seconds = poolMaxDuration(eur(credit), calls, { maxSeconds: cap }).seconds;
  const request = { ...reserveRequest({ rate, seed: prepaid('0'), maxSeconds: cap, now }), accountId };
  const result = await kit.pools.reserve(request);
  if (seconds === 0) {
    expect({ label, status: result.status }).toEqual({ label, status: 'no-credit' });
    return;
  }
  if (result.status !== 'reserved') throw new Error(`${label}: ${JSON.stringify(result)}`);
  const reservations = calls.map((call) => call.tariff.cost(call.elapsedSeconds + seconds).total.toString());
  const live = new Map(
    (await kit.pools.liveCalls(accountId)).map((call) => [call.callId, call.reserved.toFixed()]),
  );
  expect({
    label,
    seconds: result.maxSeconds,
    reservations: [...ids, request.callId].map((id) => live.get(id)),
  }).toEqual({ label, seconds, reservations });
  const total = reservations.reduce((sum, amount) => sum.plus(amount), new Decimal(0));
  expect(result.available.toFixed()).toBe(new Decimal(base.toString()).minus(total).toFixed());
}

describe('max duration on a shared pool equals packages/rating poolMaxDuration', () => {
  it('the README example: a 60/60 call 30 s in and a 1/1 call share 1.00 → 40 s', async () => {
    const minute = eurRate({ firstInterval: 60, nextInterval: 60 });
    await comparePool([{ rate: minute, elapsed: 30 }], eurRate(), '1.00', 86_400, 'readme');
    const accountId = randomUUID();
    const first = { ...reserveRequest({ rate: minute }), accountId, seed: prepaid('1.60') };
    await kit.pools.reserve(first);
    await kit.pools.begin({ accountId, callId: first.callId, now: later(970) });
    const second = await kit.pools.reserve({ ...reserveRequest({ now: later(1000) }), accountId });
    expect(second).toMatchObject({ status: 'reserved', maxSeconds: 40 });
  });

  it('counts a started second of a call up as elapsed (10.5 s in is 11 s paid)', async () => {
    const accountId = randomUUID();
    const first = { ...reserveRequest(), accountId, seed: prepaid('1.00') };
    await kit.pools.reserve(first);
    await kit.pools.begin({ accountId, callId: first.callId, now: new Date(later(1000).getTime() - 10_500) });
    const second = await kit.pools.reserve({ ...reserveRequest({ now: later(1000) }), accountId });
    const calls = [eurRate(), eurRate()].map((rate, i) => ({
      tariff: rateTariff(rate),
      elapsedSeconds: 11 - 11 * i,
    }));
    const expected = poolMaxDuration(eur('0.89'), calls).seconds;
    expect(expected).toBe(44);
    expect(second).toMatchObject({ status: 'reserved', maxSeconds: expected });
  });

  it('counts ringing calls as starting now', async () => {
    await comparePool(
      [{ rate: eurRate(), elapsed: null }],
      eurRate({ firstInterval: 30, nextInterval: 6 }),
      '3',
      86_400,
      'ringing',
    );
  });

  it('matches on 150 seeded random pools with up to 4 calls up', async () => {
    const random = seeded(7);
    for (let i = 0; i < 150; i++) {
      const others = Array.from({ length: random.int(1, 4) }, () => ({
        rate: randomRate(random),
        elapsed: random.chance(0.25) ? null : random.int(0, 900),
      }));
      const credit = random.chance(0.1)
        ? `-${random.amount(1, 2)}`
        : random.amount(random.pick([1, 5, 40]), 6);
      await comparePool(others, randomRate(random), credit, random.pick([60, 900, 86_400]), `case ${i}`);
    }
  });
});

interface Random {
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(values: readonly T[]): T;
  /** A decimal string in [0, max] with up to `decimals` places. */
  amount(max: number, decimals: number): string;
}

/** mulberry32: the same seed gives the same cases on every run. */
function seeded(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    int,
    chance: (probability) => next() < probability,
    pick: (values) => values[int(0, values.length - 1)] as (typeof values)[number],
    amount: (max, decimals) => new Decimal(int(0, max * 10 ** decimals)).dividedBy(10 ** decimals).toFixed(),
  };
}

const MODES: readonly RoundingMode[] = ['up', 'half-up', 'half-even', 'down'];

function randomRate(random: Random): Rate {
  return eurRate({
    pricePerMinute: random.chance(0.2) ? random.amount(1, 8) : random.amount(5, 4),
    connectFee: random.chance(0.5) ? '0' : random.chance(0.5) ? random.amount(1, 3) : random.amount(1, 8),
    minCharge: random.chance(0.6) ? '0' : random.amount(2, 2),
    firstInterval: random.pick([1, 6, 30, 60, 90]),
    nextInterval: random.pick([1, 6, 30, 60]),
    freeSeconds: random.chance(0.6) ? 0 : random.int(1, 60),
    noChargeBelow: random.chance(0.6) ? 0 : random.int(1, 30),
    rounding: { mode: random.pick(MODES), decimals: random.int(0, 6) },
  });
}
