import { randomUUID } from 'node:crypto';
import { callCost } from '@tollgate/rating';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreditPools } from './credit-pools';
import { eurRate, later, openTestPools, prepaid, reserveRequest, topUp, type TestPools } from './testing';
import type { PoolSeed } from './credit-pool.types';

let kit: TestPools;
let connections: CreditPools[];

beforeAll(async () => {
  kit = await openTestPools({ reservationTtlSeconds: 60 });
  connections = Array.from({ length: 5 }, () => kit.connect());
});

afterAll(async () => {
  await kit.close();
});

const minuteRate = eurRate({ firstInterval: 60, nextInterval: 60 });

/** Reads the pool and its open calls and checks that they agree; returns the pool. */
async function checkedPool(accountId: string) {
  const pool = await kit.pools.pool(accountId);
  if (pool === null) throw new Error('pool not loaded');
  const live = await kit.pools.liveCalls(accountId);
  const credit = pool.balance.plus(pool.billingType === 'postpaid' ? pool.creditLimit : 0);
  expect(pool.available.plus(pool.reserved).plus(pool.charged).toFixed()).toBe(credit.toFixed());
  expect(live.reduce((sum, call) => sum.plus(call.reserved), new Decimal(0)).toFixed()).toBe(
    pool.reserved.toFixed(),
  );
  expect(pool.calls).toBe(live.length);
  const groups: Record<string, number> = {};
  for (const call of live) for (const group of call.groups) groups[group] = (groups[group] ?? 0) + 1;
  for (const [group, count] of Object.entries(pool.channels))
    expect([group, count]).toEqual([group, groups[group] ?? 0]);
  return { pool, live };
}

describe('parallel reserves on one pool', () => {
  it('50 at once never reserve more than the credit: exactly 16 first minutes fit 10.00', async () => {
    const accountId = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (connections[i % connections.length] as CreditPools).reserve({
          ...reserveRequest({ rate: minuteRate, seed: prepaid('10') }),
          accountId,
        }),
      ),
    );
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 'reserved')).toHaveLength(16);
    expect(statuses.filter((status) => status === 'no-credit')).toHaveLength(34);
    const { pool, live } = await checkedPool(accountId);
    expect([pool.reserved.toFixed(), pool.available.toFixed(), pool.calls]).toEqual(['9.6', '0.4', 16]);
    expect(new Set(live.map((call) => call.reserved.toFixed()))).toEqual(new Set(['0.6']));
  });

  it('50 at once never exceed the channel limit', async () => {
    const accountId = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (connections[i % connections.length] as CreditPools).reserve({
          ...reserveRequest({ seed: prepaid('1000'), maxCalls: 7, maxSeconds: 60 }),
          accountId,
          channels: [{ name: 'line:1', max: 5 }],
        }),
      ),
    );
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 'reserved')).toHaveLength(5);
    expect(
      results.filter((result) => result.status === 'channel-limit' && result.group === 'line:1'),
    ).toHaveLength(45);
    const { pool } = await checkedPool(accountId);
    expect([pool.calls, pool.channels]).toEqual([5, { 'line:1': 5 }]);
  });

  it('racing ends, repeated ends and releases settle each call exactly once', async () => {
    const accountId = randomUUID();
    const requests = Array.from({ length: 20 }, () => ({
      ...reserveRequest({ seed: prepaid('100'), maxSeconds: 300 }),
      accountId,
    }));
    for (const request of requests) await kit.pools.reserve(request);
    await Promise.all(requests.slice(0, 10).map((r) => kit.pools.begin({ ...r, now: later(1) })));
    const events = requests.flatMap((request, i) => {
      const pools = (k: number) => connections[(i + k) % connections.length] as CreditPools;
      const end = (k: number) => pools(k).end({ ...request, cost: '0.25', now: later(30 + k) });
      return [end(0), end(1), pools(2).release({ ...request, now: later(40) }), end(3)];
    });
    const results = await Promise.all(events);
    const settled = results.filter((result) => result.status === 'settled');
    const released = results.filter((result) => result.status === 'released');
    expect(settled.length + released.length).toBe(20);
    const { pool } = await checkedPool(accountId);
    expect([pool.calls, pool.reserved.toFixed()]).toEqual([0, '0']);
    expect(pool.charged.toFixed()).toBe(new Decimal('0.25').times(settled.length).toFixed());
  });
});

describe('a random sequence of operations', () => {
  const seeds: Array<[string, PoolSeed]> = [
    ['prepaid', prepaid('25')],
    [
      'postpaid',
      { currency: 'EUR', billingType: 'postpaid', balance: '-3', balanceVersion: 0n, creditLimit: '20' },
    ],
  ];

  it.each(seeds)('keeps the %s pool consistent and never spends beyond its credit', async (_name, seed) => {
    let state = 99;
    const random = (n: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 8) % n;
    };
    const accountId = randomUUID();
    const calls: string[] = [];
    let clock = 0;
    let charged = new Decimal(0);
    let credit = new Decimal(seed.balance.toString()).plus(
      seed.billingType === 'postpaid' ? seed.creditLimit.toString() : 0,
    );
    const rates = [
      eurRate(),
      minuteRate,
      eurRate({ pricePerMinute: '1.2', firstInterval: 30, nextInterval: 6, connectFee: '0.1' }),
    ];
    for (let step = 0; step < 300; step++) {
      clock += random(20);
      const now = later(clock);
      const callId = calls[random(calls.length)] ?? 'none';
      const live = await kit.pools.liveCalls(accountId);
      switch (random(6)) {
        case 0:
        case 1: {
          const request = {
            ...reserveRequest({ seed, rate: rates[random(rates.length)], maxCalls: 6, now }),
            accountId,
            maxSeconds: [60, 600, 3600][random(3)],
            channels: [{ name: `line:${random(3)}`, max: 3 }],
          };
          const result = await kit.pools.reserve(request);
          if (result.status === 'reserved') calls.push(request.callId);
          break;
        }
        case 2:
          await kit.pools.begin({ accountId, callId, now });
          break;
        case 3: {
          // Call control cuts every call at the pool's horizon: a call never costs more than it holds.
          const held = live.find((call) => call.callId === callId)?.reserved ?? new Decimal(0);
          const cost = held.times(random(101)).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_DOWN);
          const result = await kit.pools.end({ accountId, callId, cost: cost.toFixed(), now });
          if (result.status === 'settled') charged = charged.plus(result.charged);
          break;
        }
        case 4:
          await kit.pools.release({ accountId, callId, now });
          break;
        default:
          if (random(2) === 0) await kit.pools.sweepExpired(accountId, now);
          else if ((await kit.pools.pool(accountId)) !== null) {
            const version = BigInt(step + 1);
            const { status } = await kit.pools.applyLedgerEntry(accountId, {
              ...topUp('0.5', '0', version),
              currency: seed.currency,
              billingType: seed.billingType,
              creditLimit: seed.creditLimit,
            });
            if (status === 'applied') credit = credit.plus('0.5');
          }
      }
      if (step === 0 || (await kit.pools.pool(accountId)) === null) continue;
      const { pool } = await checkedPool(accountId);
      expect(pool.charged.toFixed()).toBe(charged.toFixed());
      expect(pool.available.plus(pool.reserved).plus(pool.charged).toFixed()).toBe(credit.toFixed());
      expect(pool.available.isNegative() && !pool.available.isZero()).toBe(false);
      expect(pool.calls).toBeLessThanOrEqual(6);
    }
    expect(calls.length).toBeGreaterThan(20);
    expect(charged.isZero()).toBe(false);
  });

  it('a call ended at its max duration costs exactly its reservation', async () => {
    const rate = eurRate({ pricePerMinute: '30', connectFee: '3.0', firstInterval: 30, nextInterval: 6 });
    const request = reserveRequest({ rate, seed: prepaid('50') });
    const result = await kit.pools.reserve(request);
    if (result.status !== 'reserved') throw new Error(result.status);
    await kit.pools.begin({ ...request, now: later(1) });
    const cost = callCost(rate, result.maxSeconds).total.toString();
    const settled = await kit.pools.end({ ...request, cost, now: later(1 + result.maxSeconds) });
    expect(
      settled.status === 'settled' && [settled.reservationReturned.toFixed(), settled.available.toFixed()],
    ).toEqual([cost, '2']);
  });
});
