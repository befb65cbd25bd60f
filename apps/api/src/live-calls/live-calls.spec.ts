import {
  callCommandsStream,
  callControlStatsKey,
  CreditPools,
  decodeCallCommand,
} from '@tollgate/credit-pools';
import { eurRate, prepaid } from '@tollgate/credit-pools/testing';
import { UserRole } from '@tollgate/db';
import type Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogChanges } from '../rating-catalog/catalog-changes';
import { RatingCatalog } from '../rating-catalog/rating-catalog';
import { REDIS } from '../redis/redis.module';
import { ApiTestKit } from '../testing/api-test-kit';

describe('live calls', () => {
  let kit: ApiTestKit;
  let pools: CreditPools;
  let redis: Redis;
  const tokens = { owner: '', resellerA: '', resellerB: '', endUser: '' };
  const accounts = { a: '', b: '' };

  const created = async (token: string, url: string, body: object) => {
    const response = await kit.request('POST', url, { token, body });
    if (response.status !== 201)
      throw new Error(`${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return (response.body as { id: string }).id;
  };
  /** What authorize and begin leave in Redis for a call of the account. */
  const liveCall = async (accountId: string, callId: string, answered: boolean) => {
    const seed = { ...prepaid('10'), currency: 'EUR' };
    await pools.reserve({
      accountId,
      callId,
      fromTag: 'f',
      seed,
      rate: eurRate(),
      maxCalls: null,
      details: { destination: '447700900123', direction: 'outbound' },
    });
    if (answered) await pools.begin({ accountId, callId, fromTag: 'f', toTag: 't' });
  };

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    pools = kit.app.get(CreditPools);
    redis = kit.app.get(REDIS);
    const { tenant: owner, user } = await kit.createTenant('Live Owner');
    tokens.owner = await kit.login(user.email);
    for (const name of ['A', 'B'] as const) {
      const { user: admin } = await kit.createTenant(`Live Reseller ${name}`, owner);
      tokens[`reseller${name}`] = await kit.login(admin.email);
    }
    accounts.a = await created(tokens.resellerA, '/accounts', {
      code: 'LA-1',
      name: 'Live A',
      currency: 'EUR',
    });
    accounts.b = await created(tokens.resellerB, '/accounts', {
      code: 'LB-1',
      name: 'Live B',
      currency: 'EUR',
    });
    const endUser = await kit.createUser(
      {
        id: (
          await kit.request<{ tenantId: string }>('GET', `/accounts/${accounts.a}`, {
            token: tokens.resellerA,
          })
        ).body.tenantId,
      },
      UserRole.ReadOnly,
      `live-end-user-${accounts.a}@example.test`,
      accounts.a,
    );
    tokens.endUser = await kit.login(endUser.email);
    const since = Date.now();
    await kit.app.get(CatalogChanges).announce();
    while (kit.app.get(RatingCatalog).loadedAt.getTime() <= since)
      await new Promise((r) => setTimeout(r, 10));
    await liveCall(accounts.a, 'a-1@pbx', true);
    await liveCall(accounts.a, 'a-2@pbx', false);
    await liveCall(accounts.b, 'b-1@pbx', true);
  });
  afterAll(async () => kit?.close());

  it("lists the accounts with calls up in the caller's scope only", async () => {
    const list = async (token: string) =>
      (
        await kit.request<{ data: Array<{ accountId: string; calls: number }> }>('GET', '/live-calls', {
          token,
        })
      ).body.data
        .map((row) => [row.accountId, row.calls])
        .filter(([id]) => id === accounts.a || id === accounts.b);
    expect(await list(tokens.owner)).toEqual([
      [accounts.a, 2],
      [accounts.b, 1],
    ]);
    expect(await list(tokens.resellerA)).toEqual([[accounts.a, 2]]);
    expect(await list(tokens.resellerB)).toEqual([[accounts.b, 1]]);
    expect(await list(tokens.endUser)).toEqual([[accounts.a, 2]]);
  });

  it('counts live calls in scope, and shows call control totals to the owner only', async () => {
    type Statistics = { callControl: { endedByReason: Record<string, number> } };
    const ended = async () =>
      (await kit.request<Statistics>('GET', '/live-calls/statistics', { token: tokens.owner })).body
        .callControl.endedByReason['credit-exhausted'] ?? 0;
    const before = await ended();
    await redis.hincrby(callControlStatsKey(pools.keyPrefix), 'ended:credit-exhausted', 3);
    expect((await ended()) - before).toBe(3);
    const reseller = await kit.request('GET', '/live-calls/statistics', { token: tokens.resellerA });
    expect(reseller.body).toEqual({ liveAccounts: 1, liveCalls: 2, callControl: null });
  });

  it("shows an account's calls with its pool, and hides them from another reseller", async () => {
    const response = await kit.request('GET', `/accounts/${accounts.a}/live-calls`, {
      token: tokens.resellerA,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      accountId: accounts.a,
      pool: { currency: 'EUR', billingType: 'prepaid', calls: 2 },
      calls: [
        { callId: 'a-1@pbx', state: 'active', destination: '447700900123', direction: 'outbound' },
        { callId: 'a-2@pbx', state: 'reserved', answeredAt: null },
      ],
    });
    expect(
      (await kit.request('GET', `/accounts/${accounts.a}/live-calls`, { token: tokens.resellerB })).status,
    ).toBe(404);
  });

  it("changes a live call's max time for staff in scope, never above the dialog timeout Kamailio was given", async () => {
    await liveCall(accounts.a, 'a-3@pbx', true);
    const url = `/accounts/${accounts.a}/live-calls/a-3@pbx/max-time`;
    const answeredAt = (await pools.call(accounts.a, 'a-3@pbx'))!.answeredAt!;
    const dialogTimeout = (await pools.call(accounts.a, 'a-3@pbx'))!.maxSeconds;

    const set = await kit.request('PUT', url, { token: tokens.resellerA, body: { seconds: 60 } });
    expect([set.status, set.body]).toEqual([
      200,
      { callId: 'a-3@pbx', capSeconds: 60, endsAt: new Date(answeredAt.getTime() + 60_000).toISOString() },
    ]);
    const listed = await kit.request<{ calls: { callId: string; capSeconds: number }[] }>(
      'GET',
      `/accounts/${accounts.a}/live-calls`,
      { token: tokens.owner },
    );
    expect(listed.body.calls.find((call) => call.callId === 'a-3@pbx')).toMatchObject({ capSeconds: 60 });

    const over = await kit.request('PUT', url, { token: tokens.owner, body: { seconds: dialogTimeout + 1 } });
    expect(over.status).toBe(400);
    expect(over.body.errors).toEqual([
      { field: 'seconds', reason: expect.stringContaining(`must not exceed ${dialogTimeout}`) },
    ]);
    const zero = await kit.request('PUT', url, { token: tokens.owner, body: { seconds: 0 } });
    expect([zero.status, zero.body.errors]).toEqual([
      400,
      [{ field: 'seconds', reason: 'must be at least 1' }],
    ]);
    expect((await kit.request('PUT', url, { token: tokens.resellerB, body: { seconds: 30 } })).status).toBe(
      404,
    );
    expect((await kit.request('PUT', url, { token: tokens.endUser, body: { seconds: 30 } })).status).toBe(
      403,
    );
    const unknown = `/accounts/${accounts.a}/live-calls/nope@pbx/max-time`;
    expect((await kit.request('PUT', unknown, { token: tokens.owner, body: { seconds: 30 } })).status).toBe(
      404,
    );
    expect((await pools.call(accounts.a, 'a-3@pbx'))!.capSeconds).toBe(60);
    await pools.end({ accountId: accounts.a, callId: 'a-3@pbx', fromTag: 'f', cost: '0' });
  });

  it('asks call control to end one call, or all calls of an account, for staff in scope only', async () => {
    const stream = callCommandsStream(pools.keyPrefix);
    const before = await redis.xlen(stream);
    const kill = await kit.request('DELETE', `/accounts/${accounts.a}/live-calls/a-1@pbx`, {
      token: tokens.resellerA,
    });
    expect([kill.status, kill.body]).toEqual([202, { requested: 1 }]);
    const terminate = await kit.request('POST', `/accounts/${accounts.a}/live-calls/terminate`, {
      token: tokens.owner,
    });
    expect([terminate.status, terminate.body]).toEqual([202, { requested: 2 }]);
    const entries = await redis.xrange(stream, '-', '+');
    expect(entries.slice(before).map(([, fields]) => decodeCallCommand(fields))).toEqual([
      {
        kind: 'end-call',
        accountId: accounts.a,
        callId: 'a-1@pbx',
        requestedBy: expect.stringMatching(/^user:/),
      },
      { kind: 'end-account', accountId: accounts.a, requestedBy: expect.stringMatching(/^user:/) },
    ]);

    expect(
      (await kit.request('DELETE', `/accounts/${accounts.a}/live-calls/a-1@pbx`, { token: tokens.resellerB }))
        .status,
    ).toBe(404);
    expect(
      (await kit.request('POST', `/accounts/${accounts.a}/live-calls/terminate`, { token: tokens.endUser }))
        .status,
    ).toBe(403);
    expect(
      (await kit.request('DELETE', `/accounts/${accounts.a}/live-calls/nope@pbx`, { token: tokens.owner }))
        .status,
    ).toBe(404);
    expect(await redis.xlen(stream)).toBe(before + 2);
  });
});
