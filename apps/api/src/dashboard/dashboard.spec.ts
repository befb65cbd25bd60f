import { CreditPools } from '@tollgate/credit-pools';
import { eurRate, prepaid } from '@tollgate/credit-pools/testing';
import { Account, DEMO_OPERATOR, seedDemoOperator, UserRole } from '@tollgate/db';
import type Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEnvironment } from '../api-environment';
import type { Actor } from '../audit/actor';
import { CatalogChanges } from '../rating-catalog/catalog-changes';
import { RatingCatalog } from '../rating-catalog/rating-catalog';
import { PlatformQueues } from '../queues/platform-queues';
import { REDIS } from '../redis/redis.module';
import { ApiTestKit } from '../testing/api-test-kit';
import { SystemStatusService } from './system-status.service';

// Nothing listens on port 9 of loopback (discard): connection refused at once.
const UNREACHABLE_KAMAILIO = 'http://127.0.0.1:9/RPC';

describe('owner dashboard', () => {
  let kit: ApiTestKit;
  let pools: CreditPools;
  let redis: Redis;
  const tokens = { owner: '', reseller: '', endUser: '' };

  beforeAll(async () => {
    kit = await ApiTestKit.start({ KAMAILIO_RPC_URL: UNREACHABLE_KAMAILIO });
    pools = kit.app.get(CreditPools);
    redis = kit.app.get(REDIS);
    await seedDemoOperator(kit.dataSource);
    tokens.owner = await kit.login(DEMO_OPERATOR.ownerEmail, DEMO_OPERATOR.ownerPassword);
    tokens.reseller = await kit.login(DEMO_OPERATOR.resellerEmail, DEMO_OPERATOR.ownerPassword);
    const customer = await kit.dataSource.getRepository(Account).findOneByOrFail({ code: 'DT-1001' });
    const endUser = await kit.createUser(
      { id: customer.tenantId },
      UserRole.Admin,
      'dashboard-end-user@example.test',
      customer.id,
    );
    tokens.endUser = await kit.login(endUser.email);
    const since = Date.now();
    await kit.app.get(CatalogChanges).announce();
    while (kit.app.get(RatingCatalog).loadedAt.getTime() <= since)
      await new Promise((r) => setTimeout(r, 10));
  });
  afterAll(async () => kit?.close());

  /** What authorize (and begin, when answered) leave in Redis for a call of the account. */
  async function liveCall(code: string, callId: string, direction: string, answered: boolean): Promise<void> {
    const account = await kit.dataSource.getRepository(Account).findOneByOrFail({ code });
    await pools.reserve({
      accountId: account.id,
      callId,
      fromTag: 'f',
      seed: { ...prepaid('10'), currency: 'EUR' },
      rate: eurRate(),
      maxCalls: null,
      details: { destination: '447700900123', direction },
    });
    if (answered) await pools.begin({ accountId: account.id, callId, fromTag: 'f', toTag: 't' });
  }

  it("shows the demo operator's SWITCHware figures to the owner", async () => {
    const response = await kit.request('GET', '/dashboard', { token: tokens.owner });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toEqual({
      domains: 3,
      servicePlans: { total: 8, active: 2 },
      administrators: 2,
      bannedIps: 3,
      subscribers: 3,
      lines: 8,
      dids: { total: 12, assigned: 7 },
      vendors: 5,
      rateCards: { total: 7, active: 7 },
      calls: { total: 0, outbound: 0, inbound: 0 },
      at: expect.any(String),
    });
  });

  it('gives a reseller the figures of its own subtree only, and end users none', async () => {
    const response = await kit.request('GET', '/dashboard', { token: tokens.reseller });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      domains: 1,
      servicePlans: { total: 1, active: 1 },
      administrators: 1,
      bannedIps: 0,
      subscribers: 1,
      lines: 2,
      dids: { total: 2, assigned: 2 },
      vendors: 0,
      rateCards: { total: 1, active: 1 },
    });
    expect((await kit.request('GET', '/dashboard', { token: tokens.endUser })).status).toBe(403);
  });

  it('counts the calls up now by direction, within the caller’s scope', async () => {
    await liveCall('DT-1001', 'dash-out-1@pbx', 'outbound', true);
    await liveCall('DT-1002', 'dash-out-2@pbx', 'outbound', false);
    await liveCall('DT-1002', 'dash-in-1@pbx', 'inbound', true);
    await liveCall('DR-2001', 'dash-in-2@pbx', 'inbound', true);
    const calls = async (token: string) =>
      (await kit.request<{ calls: unknown }>('GET', '/dashboard', { token })).body.calls;
    expect(await calls(tokens.owner)).toEqual({ total: 4, outbound: 2, inbound: 2 });
    expect(await calls(tokens.reseller)).toEqual({ total: 1, outbound: 0, inbound: 1 });
  });

  it('reports PostgreSQL and Redis up, Kamailio down when it does not answer, and the workers by heartbeat', async () => {
    const now = Date.now();
    await redis.zadd(`${pools.keyPrefix}:call-control:members`, String(now), 'dashboard-test-cc');
    await redis.zadd(`${pools.keyPrefix}:cdr-worker:members`, String(now - 60_000), 'dashboard-test-cdr');
    try {
      const response = await kit.request('GET', '/dashboard/status', { token: tokens.owner });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toMatchObject({
        postgres: { status: 'up', error: null },
        redis: { status: 'up', error: null },
        kamailio: { status: 'down', version: null, error: expect.any(String) },
      });
      const workers = (response.body as { workers: Array<Record<string, unknown>> }).workers;
      expect(workers).toContainEqual(
        expect.objectContaining({ kind: 'call-control', instance: 'dashboard-test-cc', status: 'up' }),
      );
      expect(workers).toContainEqual(
        expect.objectContaining({
          kind: 'cdr-worker',
          instance: 'dashboard-test-cdr',
          status: 'late',
          secondsSinceHeartbeat: expect.any(Number),
        }),
      );
    } finally {
      await redis.zrem(`${pools.keyPrefix}:call-control:members`, 'dashboard-test-cc');
      await redis.zrem(`${pools.keyPrefix}:cdr-worker:members`, 'dashboard-test-cdr');
    }
  });

  it('reports the depth of every queue of the platform and how long its oldest job has waited', async () => {
    const cdrs = kit.app.get(PlatformQueues).queues.find((queue) => queue.name === 'cdrs')!;
    await cdrs.add('cdr', { waiting: true }, { jobId: 'status-waiting', timestamp: Date.now() - 90_000 });
    await cdrs.add('cdr', { waiting: true }, { jobId: 'status-waiting-2' });
    await cdrs.add('cdr', { delayed: true }, { jobId: 'status-delayed', delay: 600_000 });
    try {
      const response = await kit.request<{ queues: Array<Record<string, unknown>> }>(
        'GET',
        '/dashboard/status',
        {
          token: tokens.owner,
        },
      );
      expect(response.status).toBe(200);
      expect(response.body.queues.map((queue) => queue.name)).toEqual([
        'cdrs',
        'cdr-reratings',
        'cdr-imports',
        'call-shutdown',
        'rate-deck-imports',
        'webhook-deliveries',
      ]);
      expect(response.body.queues[0]).toEqual({
        name: 'cdrs',
        waiting: 2,
        active: 0,
        delayed: 1,
        failed: 0,
        oldestWaitingSeconds: expect.toSatisfy((seconds: number) => seconds >= 90 && seconds < 120),
      });
      expect(response.body.queues[1]).toMatchObject({ waiting: 0, oldestWaitingSeconds: null });
    } finally {
      await cdrs.obliterate({ force: true });
    }
  });

  it('says "unknown" for Kamailio when the API has no KAMAILIO_RPC_URL, and keeps the status from resellers', async () => {
    const service = new SystemStatusService(
      kit.dataSource,
      redis,
      pools,
      { KAMAILIO_RPC_URL: undefined } as ApiEnvironment,
      kit.app.get(PlatformQueues),
    );
    const owner = await kit.request<{ tenantId: string }>('GET', '/auth/me', { token: tokens.owner });
    expect(owner.status).toBe(200);
    const status = await service.status(ownerActor(owner.body.tenantId));
    expect(status.kamailio).toEqual({ status: 'unknown', latencyMs: null, version: null, error: null });
    expect((await kit.request('GET', '/dashboard/status', { token: tokens.reseller })).status).toBe(403);
    expect((await kit.request('GET', '/dashboard/status', { token: tokens.endUser })).status).toBe(403);
  });
});

function ownerActor(tenantId: string): Actor {
  return {
    principal: {
      kind: 'user',
      id: tenantId,
      tenantId,
      tenantPath: `/${tenantId}/`,
      accountId: null,
      permissions: [],
    },
    scope: {
      tenantId,
      tenantPath: `/${tenantId}/`,
      accountId: null,
      isEndUser: false,
      includesTenantPath: () => true,
    },
    ip: '127.0.0.1',
    userAgent: null,
    requestId: 'test',
  } as unknown as Actor;
}
