import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALL_SHUTDOWN_QUEUE, callShutdownJobId, type CallShutdownEvent } from '@tollgate/credit-pools';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';
import { verifyWebhookSignature } from './webhook-signature';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** An integrator's endpoint: records each POST and answers the statuses it is told, then 200. */
class Receiver {
  readonly received: Received[] = [];
  private readonly server: Server;
  private statuses: number[] = [];

  constructor() {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        this.received.push({ headers: request.headers, body });
        response.statusCode = this.statuses.shift() ?? 200;
        response.end();
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  failNext(...statuses: number[]): void {
    this.statuses = statuses;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('webhooks', () => {
  const queuePrefix = `test-queues-webhooks-${process.pid}-${Date.now()}`;
  let kit: ApiTestKit;
  let shutdowns: Queue;
  let ownerToken: string;
  let tokenA: string;
  let tokenB: string;
  let accountA: string;
  const ownerHooks = new Receiver();
  const resellerAHooks = new Receiver();
  const resellerBHooks = new Receiver();
  let ownerUrl: string;
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    kit = await ApiTestKit.start({ QUEUE_PREFIX: queuePrefix, WEBHOOK_RETRY_BASE_MS: '100' });
    shutdowns = new Queue(CALL_SHUTDOWN_QUEUE, {
      connection: new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null }),
      prefix: queuePrefix,
    });
    const owner = await kit.createTenant('Hooks Owner');
    ownerToken = await kit.login(owner.user.email);
    const a = await kit.createTenant('Hooks Reseller A', owner.tenant);
    const b = await kit.createTenant('Hooks Reseller B', owner.tenant);
    tokenA = await kit.login(a.user.email);
    tokenB = await kit.login(b.user.email);
    const account = await kit.request('POST', '/accounts', {
      token: tokenA,
      body: { code: 'HA-1', name: 'Hooked A', currency: 'EUR' },
    });
    expect(account.status).toBe(201);
    accountA = account.body.id;
    [ownerUrl, urlA, urlB] = await Promise.all([
      ownerHooks.listen(),
      resellerAHooks.listen(),
      resellerBHooks.listen(),
    ]);
  });

  afterAll(async () => {
    await shutdowns?.obliterate({ force: true }).catch(() => undefined);
    await shutdowns?.close();
    await kit?.close();
    await Promise.all([ownerHooks.close(), resellerAHooks.close(), resellerBHooks.close()]);
  });

  const register = (token: string, url: string) =>
    kit.request('POST', '/webhooks', { token, body: { url, events: ['call.shutdown'] } });

  /** What call control does when it has ended a call. */
  const callEnded = (event: CallShutdownEvent) =>
    shutdowns.add(CALL_SHUTDOWN_QUEUE, event, { jobId: callShutdownJobId(event) });

  it('shows the signing secret once, audits without it, and refuses a bad URL naming the field', async () => {
    const response = await register(ownerToken, 'https://example.test/hook');
    expect(response.status).toBe(201);
    expect(response.body.signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const fetched = await kit.request('GET', `/webhooks/${response.body.id}`, { token: ownerToken });
    expect(fetched.body).toMatchObject({ url: 'https://example.test/hook', events: ['call.shutdown'] });
    expect(fetched.body).not.toHaveProperty('signingSecret');
    const audit = await kit.request('GET', '/audit-log?limit=200', { token: ownerToken });
    expect(JSON.stringify(audit.body)).not.toContain(response.body.signingSecret);

    const rotated = await kit.request('POST', `/webhooks/${response.body.id}/rotate-secret`, {
      token: ownerToken,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.signingSecret).not.toBe(response.body.signingSecret);
    await kit.request('DELETE', `/webhooks/${response.body.id}`, { token: ownerToken });

    const bad = await register(ownerToken, 'ftp://example.test/hook');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('url');
    const noEvents = await kit.request('POST', '/webhooks', {
      token: ownerToken,
      body: { url: 'https://example.test/hook', events: [] },
    });
    expect(noEvents.status).toBe(400);
  });

  it("sends a call-shutdown signed, once, to the account's reseller and the owner, never to another reseller", async () => {
    const ownerHook = (await register(ownerToken, ownerUrl)).body;
    const hookA = (await register(tokenA, urlA)).body;
    await register(tokenB, urlB);
    const event: CallShutdownEvent = {
      reason: 'credit-exhausted',
      accountId: accountA,
      callId: 'a84b4c76e66710@pc33.example.test:5060',
      requestedAt: '2026-12-06T10:00:00.000Z',
    };
    await callEnded(event);
    await callEnded(event); // call control asked twice: one job

    await expect
      .poll(() => ownerHooks.received.length + resellerAHooks.received.length, { timeout: 10_000 })
      .toBe(2);
    for (const [receiver, hook] of [
      [ownerHooks, ownerHook],
      [resellerAHooks, hookA],
    ] as const) {
      const { headers, body } = receiver.received[0]!;
      expect(headers['tollgate-event']).toBe('call.shutdown');
      expect(
        verifyWebhookSignature(String(headers['tollgate-signature']), hook.signingSecret, body, new Date()),
      ).toBe(true);
      expect(JSON.parse(body)).toEqual({
        id: callShutdownJobId(event),
        type: 'call.shutdown',
        createdAt: event.requestedAt,
        data: { ...event },
      });
    }
    expect(resellerBHooks.received).toEqual([]);

    // The same event again, after the first job completed (another call control instance): nothing more.
    await shutdowns.remove(callShutdownJobId(event));
    await callEnded(event);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(ownerHooks.received).toHaveLength(1);
    expect(resellerAHooks.received).toHaveLength(1);

    const deliveries = await kit.request('GET', `/webhooks/${hookA.id}/deliveries`, { token: tokenA });
    expect(deliveries.body.data).toEqual([
      expect.objectContaining({ status: 'delivered', attempts: 1, lastStatusCode: 200, lastError: null }),
    ]);
    const foreign = await kit.request('GET', `/webhooks/${hookA.id}/deliveries`, { token: tokenB });
    expect(foreign.status).toBe(404);
  });

  it('retries with backoff until the endpoint takes it, and says why each failed attempt failed', async () => {
    const list = await kit.request('GET', '/webhooks', { token: tokenA });
    const hookA = list.body.data[0];
    resellerAHooks.failNext(500, 503);
    const before = resellerAHooks.received.length;
    await callEnded({
      reason: 'max-time',
      accountId: accountA,
      callId: 'retried-call',
      requestedAt: '2026-12-06T10:05:00.000Z',
    });
    await expect
      .poll(
        async () =>
          (await kit.request('GET', `/webhooks/${hookA.id}/deliveries?status=delivered`, { token: tokenA }))
            .body.data.length,
        { timeout: 10_000 },
      )
      .toBe(2);
    expect(resellerAHooks.received.length - before).toBe(3);
    const deliveries = await kit.request('GET', `/webhooks/${hookA.id}/deliveries`, { token: tokenA });
    expect(deliveries.body.data[0]).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200 });
  });

  it('marks a delivery failed, with the reason, when every attempt failed', async () => {
    const prefix = `${queuePrefix}-failing`;
    const quick = await ApiTestKit.start({
      QUEUE_PREFIX: prefix,
      WEBHOOK_RETRY_BASE_MS: '100',
      WEBHOOK_MAX_ATTEMPTS: '2',
    });
    const queue = new Queue(CALL_SHUTDOWN_QUEUE, {
      connection: new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null }),
      prefix,
    });
    const receiver = new Receiver();
    try {
      const owner = await quick.createTenant('Failing Owner');
      const token = await quick.login(owner.user.email);
      const account = await quick.request('POST', '/accounts', {
        token,
        body: { code: 'F-1', name: 'Failing', currency: 'EUR' },
      });
      receiver.failNext(500, 500, 500);
      const hook = await quick.request('POST', '/webhooks', {
        token,
        body: { url: await receiver.listen(), events: ['call.shutdown'] },
      });
      const event: CallShutdownEvent = {
        reason: 'operator-kill',
        accountId: account.body.id,
        callId: 'never-taken',
        requestedAt: '2026-12-06T11:00:00.000Z',
      };
      await queue.add(CALL_SHUTDOWN_QUEUE, event, { jobId: callShutdownJobId(event) });
      const deliveries = () =>
        quick.request('GET', `/webhooks/${hook.body.id}/deliveries`, { token }).then(({ body }) => body.data);
      await expect.poll(deliveries, { timeout: 10_000 }).toEqual([
        expect.objectContaining({
          status: 'failed',
          attempts: 2,
          lastStatusCode: 500,
          lastError: 'the endpoint answered HTTP 500',
        }),
      ]);
      expect(receiver.received).toHaveLength(2);
    } finally {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await receiver.close();
      await quick.close();
    }
  });

  it('keeps webhooks from end users', async () => {
    const { tenantId } = (await kit.request('GET', `/accounts/${accountA}`, { token: tokenA })).body;
    await kit.createUser({ id: tenantId }, UserRole.Admin, 'hooks-end-user@example.test', accountA);
    const token = await kit.login('hooks-end-user@example.test');
    const response = await register(token, 'https://example.test/end-user-hook');
    expect(response.status).toBe(403);
  });
});
