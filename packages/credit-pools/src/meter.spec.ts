import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { later, openTestPools, prepaid, reserveRequest, T0, type TestPools } from './testing';

let kit: TestPools;
beforeAll(async () => (kit = await openTestPools()));
afterAll(async () => kit?.close());

/** Two calls at 0.01 per second on a pool of 10: together they last 500 s. */
async function twoAnsweredCalls(seed = prepaid('10')) {
  const first = reserveRequest({ seed });
  const second = { ...reserveRequest({ seed }), accountId: first.accountId };
  for (const request of [first, second]) {
    expect((await kit.pools.reserve(request)).status).toBe('reserved');
    await kit.pools.begin({ accountId: first.accountId, callId: request.callId, now: T0 });
  }
  return { accountId: first.accountId, calls: [first.callId, second.callId] };
}

describe('meter', () => {
  it('ends every call of a pool together at the second its credit runs out', async () => {
    const { accountId, calls } = await twoAnsweredCalls();
    expect(await kit.pools.meter(accountId, later(120))).toMatchObject({
      status: 'metered',
      secondsLeft: 380,
      activeCalls: 2,
      overdue: [],
    });
    const justBefore = await kit.pools.meter(accountId, later(499.9));
    expect(justBefore).toMatchObject({ status: 'metered', secondsLeft: 1 });
    const atExhaustion = await kit.pools.meter(accountId, later(500));
    expect(atExhaustion.status).toBe('exhausted');
    if (atExhaustion.status !== 'exhausted') return;
    expect([...atExhaustion.calls].sort()).toEqual([...calls].sort());
    expect(atExhaustion.consumed.toFixed()).toBe('10');
    expect(atExhaustion.available.toFixed()).toBe('0');
  });

  it('gives the calls left the credit of a call that ended', async () => {
    const { accountId, calls } = await twoAnsweredCalls();
    await kit.pools.end({ accountId, callId: calls[0]!, cost: '1', now: later(100) });
    // 9 left: the remaining call has used 1 of it and can go on for 800 s more.
    expect(await kit.pools.meter(accountId, later(100))).toMatchObject({
      status: 'metered',
      secondsLeft: 800,
    });
    const pool = await kit.pools.pool(accountId);
    expect(pool!.reserved.toFixed()).toBe('9');
  });

  it('ends a postpaid pool at its credit limit', async () => {
    const seed = { ...prepaid('-2'), billingType: 'postpaid', creditLimit: '12' } as const;
    const { accountId } = await twoAnsweredCalls(seed);
    expect(await kit.pools.meter(accountId, later(499))).toMatchObject({ status: 'metered', secondsLeft: 1 });
    expect((await kit.pools.meter(accountId, later(500))).status).toBe('exhausted');
  });

  it('names a call past its own max seconds, and no call while they ring', async () => {
    const request = reserveRequest({ maxSeconds: 100, seed: prepaid('1000') });
    await kit.pools.reserve(request);
    expect(await kit.pools.meter(request.accountId, later(5))).toMatchObject({ activeCalls: 0, overdue: [] });
    await kit.pools.begin({ accountId: request.accountId, callId: request.callId, now: later(10) });
    expect(await kit.pools.meter(request.accountId, later(109))).toMatchObject({ overdue: [] });
    expect(await kit.pools.meter(request.accountId, later(110))).toMatchObject({ overdue: [request.callId] });
  });

  it('enforces a max time shortened while the call runs or rings, never one above the dialog timeout', async () => {
    const request = reserveRequest({ maxSeconds: 100, seed: prepaid('1000') });
    const { accountId, callId } = request;
    await kit.pools.reserve(request);
    expect(await kit.pools.setCallCap(accountId, callId, 80)).toEqual({ status: 'set', endsAt: null });
    await kit.pools.begin({ accountId, callId, now: later(10) });
    expect(await kit.pools.meter(accountId, later(89))).toMatchObject({ overdue: [] });
    expect(await kit.pools.meter(accountId, later(90))).toMatchObject({ overdue: [callId] });

    expect(await kit.pools.setCallCap(accountId, callId, 30)).toEqual({ status: 'set', endsAt: later(40) });
    expect(await kit.pools.meter(accountId, later(39))).toMatchObject({ overdue: [] });
    expect(await kit.pools.meter(accountId, later(40))).toMatchObject({ overdue: [callId] });
    expect((await kit.pools.call(accountId, callId))?.capSeconds).toBe(30);

    // Kamailio was told 100 s at authorize and cannot be told more: refused, the 30 s stay.
    expect(await kit.pools.setCallCap(accountId, callId, 101)).toEqual({
      status: 'over-dialog-timeout',
      maxSeconds: 100,
    });
    expect((await kit.pools.call(accountId, callId))?.capSeconds).toBe(30);
    await kit.pools.end({ accountId, callId, cost: '1', now: later(40) });
    expect(await kit.pools.setCallCap(accountId, callId, 20)).toEqual({ status: 'closed' });
    expect(await kit.pools.setCallCap(accountId, 'no-such-call', 20)).toEqual({ status: 'unknown' });
  });

  it('tells an idle pool from an unknown one, and returns expired reservations first', async () => {
    const request = reserveRequest({ reservationTtlSeconds: 30 });
    expect(await kit.pools.meter(request.accountId)).toEqual({ status: 'none' });
    await kit.pools.reserve(request);
    const idle = await kit.pools.meter(request.accountId, later(31));
    expect(idle.status).toBe('idle');
    if (idle.status === 'idle') expect(idle.available.toFixed()).toBe('10');
  });
});
