import { createRate } from '@tollgate/rating';
import type Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { callKey, poolKeys } from './pool-keys';
import { eurRate, later, openTestPools, prepaid, reserveRequest, T0, topUp, type TestPools } from './testing';
import type { ReserveResult } from './credit-pool.types';

let kit: TestPools;

beforeAll(async () => {
  kit = await openTestPools({ reservationTtlSeconds: 60, retentionSeconds: 3600 });
});

afterAll(async () => {
  await kit.close();
});

const rounding = { mode: 'half-up', decimals: 2 } as const;

const text = (value: Decimal | null | undefined): string | undefined => value?.toFixed();

/** Credit 50, connect fee 3.00, 30 per minute, 30/6: the example, 90 s. */
const exampleRate = eurRate({ pricePerMinute: '30', connectFee: '3.0', firstInterval: 30, nextInterval: 6 });

function reserved(result: ReserveResult): Extract<ReserveResult, { status: 'reserved' }> {
  if (result.status !== 'reserved') throw new Error(`expected a reservation, got ${JSON.stringify(result)}`);
  return result;
}

async function poolOf(accountId: string) {
  const pool = await kit.pools.pool(accountId);
  if (pool === null) throw new Error('pool not loaded');
  return {
    balance: text(pool.balance),
    charged: text(pool.charged),
    reserved: text(pool.reserved),
    available: text(pool.available),
    calls: pool.calls,
    channels: pool.channels,
  };
}

describe('reserve', () => {
  it('loads the pool from the seed and reserves the cost of the max duration', async () => {
    const request = reserveRequest({ seed: prepaid('50'), rate: exampleRate });
    const result = reserved(await kit.pools.reserve(request));
    expect([result.maxSeconds, text(result.reserved), text(result.available)]).toEqual([90, '48', '2']);
    expect(await poolOf(request.accountId)).toEqual({
      balance: '50',
      charged: '0',
      reserved: '48',
      available: '2',
      calls: 1,
      channels: {},
    });
    const call = await kit.pools.call(request.accountId, request.callId);
    expect(call).toMatchObject({ state: 'reserved', maxSeconds: 90, fromTag: 'from-1', answeredAt: null });
    expect(text(call?.reserved)).toBe('48');
    expect(call?.rate).toMatchObject({
      pricePerMinute: '30',
      connectFee: '3',
      firstInterval: 30,
      nextInterval: 6,
    });
    expect(call?.deadline.getTime()).toBe(T0.getTime() + 60_000);
  });

  it('caps the max duration and the reservation at maxSeconds', async () => {
    const result = reserved(await kit.pools.reserve(reserveRequest({ maxSeconds: 60 })));
    expect([result.maxSeconds, text(result.reserved), text(result.available)]).toEqual([60, '0.6', '9.4']);
  });

  it('shares the pool: a second call halves the horizon and re-apportions the first reservation', async () => {
    const first = reserveRequest();
    expect(reserved(await kit.pools.reserve(first)).maxSeconds).toBe(1000);
    const second = reserved(await kit.pools.reserve({ ...reserveRequest(), accountId: first.accountId }));
    expect([second.maxSeconds, text(second.reserved), text(second.available)]).toEqual([500, '5', '0']);
    const live = await kit.pools.liveCalls(first.accountId);
    expect(live.map((call) => text(call.reserved))).toEqual(['5', '5']);
    expect(await poolOf(first.accountId)).toMatchObject({ reserved: '10', available: '0', calls: 2 });
  });

  it('uses the seed only to load a pool: later seeds do not change its balance', async () => {
    const first = reserveRequest({ maxSeconds: 10 });
    await kit.pools.reserve(first);
    await kit.pools.reserve({
      ...reserveRequest({ maxSeconds: 10 }),
      accountId: first.accountId,
      seed: prepaid('99'),
    });
    expect(await poolOf(first.accountId)).toMatchObject({ balance: '10', reserved: '0.2', calls: 2 });
  });

  it('refuses when the pool cannot pay the first pulse, and changes nothing', async () => {
    const request = reserveRequest({
      seed: prepaid('0.59'),
      rate: eurRate({ firstInterval: 60, nextInterval: 60 }),
    });
    const result = await kit.pools.reserve(request);
    expect(result.status).toBe('no-credit');
    expect(result.status === 'no-credit' && text(result.available)).toBe('0.59');
    expect(await kit.pools.call(request.accountId, request.callId)).toBeNull();
    expect(await poolOf(request.accountId)).toMatchObject({ reserved: '0', calls: 0, available: '0.59' });
  });

  it('refuses a prepaid pool that is already overdrawn', async () => {
    const result = await kit.pools.reserve(reserveRequest({ seed: prepaid('-1') }));
    expect(result.status === 'no-credit' && text(result.available)).toBe('-1');
  });

  it('is idempotent: the same call reserved again changes nothing and answers the first result', async () => {
    const request = reserveRequest({ seed: prepaid('50'), rate: exampleRate });
    await kit.pools.reserve(request);
    const before = await poolOf(request.accountId);
    const again = await kit.pools.reserve({ ...request, now: later(5), seed: prepaid('1000') });
    expect(again).toMatchObject({ status: 'duplicate', state: 'reserved', maxSeconds: 90 });
    expect(again.status === 'duplicate' && [text(again.reserved), text(again.available)]).toEqual([
      '48',
      '2',
    ]);
    expect(await poolOf(request.accountId)).toEqual(before);
  });

  it('refuses the same call id with a different rate or from-tag as a conflict', async () => {
    const request = reserveRequest();
    await kit.pools.reserve(request);
    const before = await poolOf(request.accountId);
    expect(await kit.pools.reserve({ ...request, rate: eurRate({ pricePerMinute: '0.61' }) })).toEqual({
      status: 'conflict',
      state: 'reserved',
    });
    expect((await kit.pools.reserve({ ...request, fromTag: 'other' })).status).toBe('conflict');
    expect((await kit.pools.reserve({ ...request, maxSeconds: 3600 })).status).toBe('conflict');
    expect(await poolOf(request.accountId)).toEqual(before);
  });

  it('refuses a rate in another currency than the loaded pool', async () => {
    const request = reserveRequest();
    await kit.pools.reserve(request);
    const result = await kit.pools.reserve({
      ...reserveRequest(),
      accountId: request.accountId,
      seed: { ...prepaid('10'), currency: 'USD' },
      rate: createRate(
        { prefix: '1', pricePerMinute: '0.01', firstInterval: 6, nextInterval: 6, rounding },
        'USD',
      ),
    });
    expect(result).toEqual({ status: 'currency-mismatch', poolCurrency: 'EUR' });
  });

  it('enforces the account channel limit and frees the channel when a call closes', async () => {
    const accountId = reserveRequest().accountId;
    const requests = [1, 2, 3].map(() => ({ ...reserveRequest({ maxCalls: 2, maxSeconds: 60 }), accountId }));
    const [first, second, third] = requests as [
      (typeof requests)[0],
      (typeof requests)[0],
      (typeof requests)[0],
    ];
    expect((await kit.pools.reserve(first)).status).toBe('reserved');
    expect((await kit.pools.reserve(second)).status).toBe('reserved');
    expect(await kit.pools.reserve(third)).toEqual({ status: 'channel-limit', group: 'account' });
    await kit.pools.release({ accountId, callId: first.callId, now: later(1) });
    expect((await kit.pools.reserve(third)).status).toBe('reserved');
    expect(await poolOf(accountId)).toMatchObject({ calls: 2 });
  });

  it('counts and limits channel groups (line, trunk, direction) beside the account limit', async () => {
    const accountId = reserveRequest().accountId;
    const onLine = (line: string, max: number | null) => ({
      ...reserveRequest({ maxSeconds: 30 }),
      accountId,
      channels: [
        { name: `line:${line}`, max },
        { name: 'outbound', max: null },
      ],
    });
    const a = onLine('a', 1);
    expect((await kit.pools.reserve(a)).status).toBe('reserved');
    expect(await kit.pools.reserve(onLine('a', 1))).toEqual({ status: 'channel-limit', group: 'line:a' });
    expect((await kit.pools.reserve(onLine('b', 1))).status).toBe('reserved');
    expect((await poolOf(accountId)).channels).toEqual({ 'line:a': 1, 'line:b': 1, outbound: 2 });
    await kit.pools.end({ accountId, callId: a.callId, cost: '0.10', now: later(10) });
    expect((await poolOf(accountId)).channels).toEqual({ 'line:a': 0, 'line:b': 1, outbound: 1 });
    expect((await kit.pools.reserve(onLine('a', 1))).status).toBe('reserved');
  });

  it('gives a postpaid pool its balance plus credit limit, and ignores a prepaid credit limit', async () => {
    const postpaid = await kit.pools.reserve(
      reserveRequest({
        seed: {
          currency: 'EUR',
          billingType: 'postpaid',
          balance: '-5',
          balanceVersion: 0n,
          creditLimit: '20',
        },
      }),
    );
    expect([reserved(postpaid).maxSeconds, text(reserved(postpaid).available)]).toEqual([1500, '0']);
    const withLimit = await kit.pools.reserve(
      reserveRequest({
        seed: {
          currency: 'EUR',
          billingType: 'prepaid',
          balance: '5',
          balanceVersion: 0n,
          creditLimit: '20',
        },
      }),
    );
    expect(reserved(withLimit).maxSeconds).toBe(500);
  });

  it('throws before reserving when a long call up on the pool leaves the exact range', async () => {
    const expensive = eurRate({ pricePerMinute: '400' });
    const first = reserveRequest({ rate: expensive, seed: prepaid('2000000'), maxSeconds: 60 });
    await kit.pools.reserve(first);
    await kit.pools.begin({ ...first, now: later(-100_000) });
    const second = { ...reserveRequest({ rate: expensive, maxSeconds: 86_400 }), accountId: first.accountId };
    await expect(kit.pools.reserve(second)).rejects.toThrow(/exact range/);
    expect(await kit.pools.call(first.accountId, second.callId)).toBeNull();
    expect(await poolOf(first.accountId)).toMatchObject({ calls: 1, reserved: '400' });
  });

  it('refuses amounts it could only round: a balance with 7 decimals, a cost with 7 decimals', async () => {
    await expect(kit.pools.reserve(reserveRequest({ seed: prepaid('1.0000001') }))).rejects.toThrow(
      /more than 6 decimals/,
    );
    const request = reserveRequest();
    await kit.pools.reserve(request);
    await expect(kit.pools.end({ ...request, cost: '0.0000001' })).rejects.toThrow(/more than 6 decimals/);
  });
});

describe('begin', () => {
  it('makes a reservation active at the answer time; a repeated begin changes nothing', async () => {
    const request = reserveRequest();
    await kit.pools.reserve(request);
    const event = { accountId: request.accountId, callId: request.callId, fromTag: 'from-1', toTag: 'to-1' };
    expect(await kit.pools.begin({ ...event, now: later(3) })).toEqual({
      status: 'begun',
      answeredAt: later(3),
    });
    const before = await poolOf(request.accountId);
    expect(await kit.pools.begin({ ...event, now: later(9) })).toEqual({
      status: 'already-active',
      answeredAt: later(3),
    });
    expect(await kit.pools.begin({ ...event, toTag: undefined, now: later(9) })).toMatchObject({
      status: 'already-active',
    });
    expect(await poolOf(request.accountId)).toEqual(before);
    expect(await kit.pools.call(request.accountId, request.callId)).toMatchObject({
      state: 'active',
      answeredAt: later(3),
      toTag: 'to-1',
    });
  });

  it('answers tag-mismatch for another from-tag or to-tag, and unknown for an unknown call', async () => {
    const request = reserveRequest();
    await kit.pools.reserve(request);
    const event = { accountId: request.accountId, callId: request.callId, now: later(2) };
    expect(await kit.pools.begin({ ...event, fromTag: 'from-2' })).toEqual({ status: 'tag-mismatch' });
    await kit.pools.begin({ ...event, toTag: 'to-1' });
    expect(await kit.pools.begin({ ...event, toTag: 'to-2' })).toEqual({ status: 'tag-mismatch' });
    expect(await kit.pools.begin({ ...event, callId: 'nobody@example.test' })).toEqual({ status: 'unknown' });
  });

  it('answers expired past the reservation deadline and returns the reservation to the pool', async () => {
    const request = reserveRequest({ maxSeconds: 100 });
    await kit.pools.reserve(request);
    const event = { accountId: request.accountId, callId: request.callId };
    expect(await kit.pools.begin({ ...event, now: later(60) })).toEqual({ status: 'expired' });
    expect(await poolOf(request.accountId)).toMatchObject({ reserved: '0', available: '10', calls: 0 });
    expect(await kit.pools.begin({ ...event, now: later(61) })).toEqual({ status: 'expired' });
    expect((await kit.pools.call(request.accountId, request.callId))?.state).toBe('expired');
  });

  it('answers closed for a call already ended or released', async () => {
    const ended = reserveRequest();
    await kit.pools.reserve(ended);
    await kit.pools.end({ ...ended, cost: '0', now: later(1) });
    expect(await kit.pools.begin({ ...ended, now: later(2) })).toEqual({ status: 'closed', state: 'ended' });
    const released = reserveRequest();
    await kit.pools.reserve(released);
    await kit.pools.release({ ...released, now: later(1) });
    expect(await kit.pools.begin({ ...released, now: later(2) })).toEqual({
      status: 'closed',
      state: 'released',
    });
  });
});

describe('end', () => {
  it('charges the final cost, returns the rest of the reservation, and is idempotent', async () => {
    const request = reserveRequest();
    await kit.pools.reserve(request);
    await kit.pools.begin({ ...request, now: later(2) });
    const settled = await kit.pools.end({ ...request, cost: '1.23', now: later(125) });
    expect(settled.status).toBe('settled');
    if (settled.status !== 'settled') return;
    expect([settled.settledFrom, text(settled.charged), text(settled.reservationReturned)]).toEqual([
      'active',
      '1.23',
      '10',
    ]);
    expect([text(settled.available), settled.endedAt]).toEqual(['8.77', later(125)]);
    const before = await poolOf(request.accountId);
    expect(before).toMatchObject({ balance: '10', charged: '1.23', reserved: '0', calls: 0 });
    const again = await kit.pools.end({ ...request, cost: '9.99', now: later(300) });
    expect(again).toMatchObject({ status: 'already-settled', settledFrom: 'active', endedAt: later(125) });
    expect(again.status === 'already-settled' && text(again.charged)).toBe('1.23');
    expect(await poolOf(request.accountId)).toEqual(before);
    expect(await kit.pools.call(request.accountId, request.callId)).toMatchObject({ state: 'ended' });
  });

  it('settles a call that was never begun from its reservation', async () => {
    const request = reserveRequest({ seed: prepaid('50'), rate: exampleRate });
    await kit.pools.reserve(request);
    const settled = await kit.pools.end({ ...request, toTag: 'to-9', cost: '48', now: later(95) });
    expect(settled).toMatchObject({ status: 'settled', settledFrom: 'reserved' });
    expect(
      settled.status === 'settled' && [text(settled.reservationReturned), text(settled.available)],
    ).toEqual(['48', '2']);
    expect(await kit.pools.call(request.accountId, request.callId)).toMatchObject({
      state: 'ended',
      toTag: 'to-9',
    });
  });

  it('settles a call whose reservation expired: the cost is charged, nothing more is returned', async () => {
    const request = reserveRequest({ maxSeconds: 200 });
    await kit.pools.reserve(request);
    await kit.pools.sweepExpired(request.accountId, later(61));
    const settled = await kit.pools.end({ ...request, cost: '0.50', now: later(90) });
    expect(settled).toMatchObject({ status: 'settled', settledFrom: 'expired' });
    expect(
      settled.status === 'settled' && [text(settled.reservationReturned), text(settled.available)],
    ).toEqual(['0', '9.5']);
  });

  it('charges a cost above the reservation in full (the balance is what the calls cost)', async () => {
    const request = reserveRequest({ maxSeconds: 60 });
    await kit.pools.reserve(request);
    const settled = await kit.pools.end({ ...request, cost: '0.75', now: later(80) });
    expect(settled.status === 'settled' && text(settled.available)).toBe('9.25');
  });

  it('answers unknown, tag-mismatch, and closed after a release, changing nothing', async () => {
    const request = reserveRequest();
    await kit.pools.reserve(request);
    expect(await kit.pools.end({ ...request, callId: 'other@x', cost: '1' })).toEqual({ status: 'unknown' });
    expect(await kit.pools.end({ ...request, fromTag: 'from-2', cost: '1' })).toEqual({
      status: 'tag-mismatch',
    });
    await kit.pools.release({ ...request, now: later(4) });
    const before = await poolOf(request.accountId);
    expect(await kit.pools.end({ ...request, cost: '1', now: later(5) })).toEqual({
      status: 'closed',
      state: 'released',
    });
    expect(await poolOf(request.accountId)).toEqual(before);
  });
});

describe('release', () => {
  it('returns the reservation of a call never answered, once', async () => {
    const request = reserveRequest({ maxSeconds: 100 });
    await kit.pools.reserve(request);
    const released = await kit.pools.release({ ...request, now: later(20) });
    expect(
      released.status === 'released' && [text(released.reservationReturned), text(released.available)],
    ).toEqual(['1', '10']);
    const again = await kit.pools.release({ ...request, now: later(21) });
    expect(again.status === 'already-released' && text(again.reservationReturned)).toBe('1');
    expect(await poolOf(request.accountId)).toMatchObject({ reserved: '0', charged: '0', calls: 0 });
  });

  it('refuses to release an answered call and answers expired after the deadline', async () => {
    const answered = reserveRequest();
    await kit.pools.reserve(answered);
    await kit.pools.begin({ ...answered, now: later(1) });
    expect(await kit.pools.release({ ...answered, now: later(2) })).toEqual({ status: 'active' });
    expect(await poolOf(answered.accountId)).toMatchObject({ calls: 1, reserved: '10' });
    const ringing = reserveRequest();
    await kit.pools.reserve(ringing);
    await kit.pools.sweepExpired(ringing.accountId, later(60));
    expect(await kit.pools.release({ ...ringing, now: later(70) })).toEqual({ status: 'expired' });
    await kit.pools.end({ ...answered, cost: '0.02', now: later(3) });
    expect(await kit.pools.release({ ...answered, now: later(4) })).toEqual({
      status: 'closed',
      state: 'ended',
    });
  });
});

describe('expired reservations', () => {
  it('sweepExpired returns only reservations past their deadline', async () => {
    const accountId = reserveRequest().accountId;
    const old = { ...reserveRequest({ maxSeconds: 100 }), accountId };
    const answered = { ...reserveRequest({ maxSeconds: 100 }), accountId };
    const recent = { ...reserveRequest({ maxSeconds: 100, now: later(30) }), accountId };
    for (const request of [old, answered, recent]) await kit.pools.reserve(request);
    await kit.pools.begin({ ...answered, now: later(5) });
    const swept = await kit.pools.sweepExpired(accountId, later(60));
    expect([swept.expired, text(swept.returned)]).toEqual([1, '1']);
    expect((await kit.pools.liveCalls(accountId)).map((call) => call.callId).sort()).toEqual(
      [answered.callId, recent.callId].sort(),
    );
    expect(await kit.pools.sweepExpired(accountId, later(60))).toMatchObject({ expired: 0 });
    expect(await kit.pools.sweepExpired(accountId, later(90))).toMatchObject({ expired: 1 });
    expect(await poolOf(accountId)).toMatchObject({ calls: 1, reserved: '1', available: '9' });
  });

  it('a later reserve returns expired reservations before computing the new one', async () => {
    const first = reserveRequest();
    expect(reserved(await kit.pools.reserve(first)).maxSeconds).toBe(1000);
    const second = reserved(
      await kit.pools.reserve({ ...reserveRequest({ now: later(60) }), accountId: first.accountId }),
    );
    expect([second.maxSeconds, text(second.reserved)]).toEqual([1000, '10']);
    expect((await kit.pools.call(first.accountId, first.callId))?.state).toBe('expired');
  });

  it('sweepAll sweeps every pool with waiting reservations', async () => {
    const requests = [reserveRequest(), reserveRequest(), reserveRequest()];
    for (const request of requests) await kit.pools.reserve(request);
    const swept = await kit.pools.sweepAll(later(3600));
    expect(swept.expired).toBeGreaterThanOrEqual(3);
    for (const request of requests) {
      expect(await poolOf(request.accountId)).toMatchObject({ reserved: '0', available: '10', calls: 0 });
    }
  });

  it('keeps a closed call for the retention period and an open one until it can close', async () => {
    const request = reserveRequest();
    await kit.pools.reserve(request);
    const key = callKey(kit.prefix, request.accountId, request.callId);
    expect(await kit.redis.pttl(key)).toBeGreaterThan(3_600_000);
    await kit.pools.begin({ ...request, now: later(1) });
    const activeTtl = await kit.redis.pttl(key);
    expect(activeTtl).toBeGreaterThan(4_590_000); // its 1000 s max duration + retention
    expect(activeTtl).toBeLessThanOrEqual(4_600_000);
    await kit.pools.end({ ...request, cost: '1', now: later(100) });
    const ttl = await kit.redis.pttl(key);
    expect(ttl).toBeGreaterThan(3_590_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
  });
});

describe('applyLedgerEntry', () => {
  it('loads an absent pool from the balance after the entry', async () => {
    const request = reserveRequest({ maxSeconds: 100 });
    expect(await kit.pools.applyLedgerEntry(request.accountId, topUp('5', '15', 2n))).toMatchObject({
      status: 'loaded',
    });
    await kit.pools.reserve({ ...request, seed: { ...request.seed, balanceVersion: 1n } });
    expect(await poolOf(request.accountId)).toMatchObject({ balance: '15', available: '14' });
  });

  it('adds later entries once, and not the ones the loaded balance already held', async () => {
    const request = reserveRequest({ maxSeconds: 100, seed: { ...prepaid('10'), balanceVersion: 10n } });
    await kit.pools.reserve(request);
    const entry = topUp('2.5', '12.5', 11n);
    expect(await kit.pools.applyLedgerEntry(request.accountId, entry)).toMatchObject({ status: 'applied' });
    expect(await kit.pools.applyLedgerEntry(request.accountId, entry)).toEqual({ status: 'duplicate' });
    expect(await kit.pools.applyLedgerEntry(request.accountId, topUp('7', '10', 9n))).toEqual({
      status: 'included',
    });
    expect(await poolOf(request.accountId)).toMatchObject({ balance: '12.5', available: '11.5' });
  });

  it('takes billing type and credit limit from each reservation, the balance only once', async () => {
    const request = reserveRequest({ maxSeconds: 100 });
    await kit.pools.reserve(request);
    const postpaid = { ...request.seed, billingType: 'postpaid', balance: '999', creditLimit: '3' } as const;
    await kit.pools.reserve({ ...request, callId: `${request.callId}-2`, seed: postpaid });
    expect(await poolOf(request.accountId)).toMatchObject({ balance: '10', available: '11' });
  });

  it('refuses an entry in another currency', async () => {
    const request = reserveRequest();
    await kit.pools.reserve(request);
    expect(
      await kit.pools.applyLedgerEntry(request.accountId, { ...topUp('1', '11', 5n), currency: 'USD' }),
    ).toEqual({ status: 'currency-mismatch', poolCurrency: 'EUR' });
  });
});

describe('applyCallCharge', () => {
  /** A call of the pool ended with a live charge of 1.5; the ledger posts its final price, 1.7. */
  async function endedCall(seedVersion = 10n) {
    const request = reserveRequest({
      maxSeconds: 100,
      seed: { ...prepaid('10'), balanceVersion: seedVersion },
    });
    await kit.pools.reserve(request);
    await kit.pools.begin({ ...request, now: later(1) });
    await kit.pools.end({ ...request, cost: '1.5', now: later(60) });
    return request;
  }
  const finalCharge = (version: bigint) => ({ ...topUp('-1.7', '8.3', version), entryId: randomUUID() });

  it('moves the live amount into the balance: the pool changes by the difference only, once', async () => {
    const request = await endedCall();
    expect(await poolOf(request.accountId)).toMatchObject({
      balance: '10',
      charged: '1.5',
      available: '8.5',
    });
    const entry = finalCharge(11n);
    expect(await kit.pools.applyCallCharge(request.accountId, request.callId, entry)).toMatchObject({
      status: 'applied',
    });
    expect(await poolOf(request.accountId)).toMatchObject({ balance: '8.3', charged: '0', available: '8.3' });
    expect(await kit.pools.applyCallCharge(request.accountId, request.callId, entry)).toEqual({
      status: 'duplicate',
    });
    expect(await poolOf(request.accountId)).toMatchObject({ balance: '8.3', charged: '0', available: '8.3' });
  });

  it('applies many charges in one pipelined round trip, in order, each with its own outcome', async () => {
    const [a, b] = [await endedCall(), await endedCall()];
    const [entryA, entryB] = [finalCharge(11n), finalCharge(11n)];
    // Scripts flushed (a Redis restart): the pipeline loads them again before running them.
    await kit.redis.script('FLUSH');
    const results = await kit.pools.applyCallCharges([
      { accountId: a.accountId, callId: a.callId, entry: entryA },
      { accountId: b.accountId, callId: b.callId, entry: { ...entryB, currency: 'USD' } },
      { accountId: a.accountId, callId: a.callId, entry: entryA },
      { accountId: b.accountId, callId: b.callId, entry: { ...entryB, entryId: '' } },
      { accountId: b.accountId, callId: b.callId, entry: entryB },
    ]);
    expect(results.slice(0, 3)).toEqual([
      expect.objectContaining({ status: 'applied' }),
      { status: 'currency-mismatch', poolCurrency: 'EUR' },
      { status: 'duplicate' },
    ]);
    expect(results[3]).toBeInstanceOf(RangeError);
    expect(results[4]).toMatchObject({ status: 'applied' });
    for (const request of [a, b])
      expect(await poolOf(request.accountId)).toMatchObject({
        balance: '8.3',
        charged: '0',
        available: '8.3',
      });
    expect(await kit.pools.applyCallCharges([])).toEqual([]);
  });

  it('counts the call once when the pool is reloaded from the balance before or after the posting', async () => {
    const before = await endedCall();
    await kit.redis.del(poolKeys(kit.prefix, before.accountId).pool);
    await kit.pools.reserve({
      ...before,
      callId: `${before.callId}-next`,
      seed: { ...prepaid('10'), balanceVersion: 10n },
    });
    await kit.pools.release({ ...before, callId: `${before.callId}-next` });
    await kit.pools.applyCallCharge(before.accountId, before.callId, finalCharge(11n));
    expect(await poolOf(before.accountId)).toMatchObject({ balance: '8.3', charged: '0', available: '8.3' });

    const after = await endedCall();
    const entry = finalCharge(11n);
    await kit.redis.del(poolKeys(kit.prefix, after.accountId).pool);
    await kit.pools.reserve({
      ...after,
      callId: `${after.callId}-next`,
      seed: { ...prepaid('8.3'), balanceVersion: 11n },
    });
    await kit.pools.release({ ...after, callId: `${after.callId}-next` });
    expect(await kit.pools.applyCallCharge(after.accountId, after.callId, entry)).toEqual({
      status: 'included',
    });
    expect(await poolOf(after.accountId)).toMatchObject({ balance: '8.3', charged: '0', available: '8.3' });
  });
});
