import { DEMO_OPERATOR, seedDemoOperator, Tenant, TenantKind, UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';
import { QUEUE_BOARD_COOKIE } from './queue-board';

describe('queue board (bull-board) at /admin/queues', () => {
  let kit: ApiTestKit;
  const tokens = { owner: '', ownerReadOnly: '', reseller: '' };

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    await seedDemoOperator(kit.dataSource);
    tokens.owner = await kit.login(DEMO_OPERATOR.ownerEmail, DEMO_OPERATOR.ownerPassword);
    tokens.reseller = await kit.login(DEMO_OPERATOR.resellerEmail, DEMO_OPERATOR.ownerPassword);
    const owner = await kit.dataSource.getRepository(Tenant).findOneByOrFail({ kind: TenantKind.Owner });
    tokens.ownerReadOnly = await kit.login(
      (await kit.createUser(owner, UserRole.ReadOnly, 'board-read-only@example.test')).email,
    );
  });
  afterAll(async () => kit?.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    kit.app.inject({ method: 'GET', url, headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('keeps out callers without an owner admin credential', async () => {
    const anonymous = await get('/admin/queues');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ statusCode: 401, message: expect.stringContaining('Bearer') });
    expect((await get('/admin/queues/api/queues')).statusCode).toBe(401);
    expect((await get('/admin/queues', bearer('not-a-token'))).statusCode).toBe(401);
    expect((await get('/admin/queues', bearer(tokens.reseller))).statusCode).toBe(403);
    expect((await get('/admin/queues/api/queues', bearer(tokens.reseller))).statusCode).toBe(403);
    expect((await get('/admin/queues', bearer(tokens.ownerReadOnly))).statusCode).toBe(403);
    expect(
      (await get('/admin/queues', { cookie: `${QUEUE_BOARD_COOKIE}=${tokens.reseller}` })).statusCode,
    ).toBe(403);
    const reseller = await kit.app.inject({
      method: 'POST',
      url: '/admin/queues/session',
      headers: bearer(tokens.reseller),
    });
    expect(reseller.statusCode).toBe(403);
    expect(reseller.headers['set-cookie']).toBeUndefined();
  });

  it("shows the owner's administrators every platform queue, by bearer or by the board's cookie", async () => {
    const page = await get('/admin/queues', bearer(tokens.owner));
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Tollgate queues');
    // Its scripts come from under the board's path, behind the same check.
    const script = /src="(static\/js\/main[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    expect((await get(`/admin/queues/${script}`, bearer(tokens.owner))).statusCode).toBe(200);
    expect((await get(`/admin/queues/${script}`)).statusCode).toBe(401);
    const api = await get('/admin/queues/api/queues', bearer(tokens.owner));
    expect(api.statusCode, api.body).toBe(200);
    expect(
      (api.json() as { queues: Array<{ name: string }> }).queues.map((queue) => queue.name).sort(),
    ).toEqual([
      'call-shutdown',
      'cdr-imports',
      'cdr-reratings',
      'cdrs',
      'rate-deck-imports',
      'webhook-deliveries',
    ]);

    const session = await kit.app.inject({
      method: 'POST',
      url: '/admin/queues/session',
      headers: bearer(tokens.owner),
    });
    expect(session.statusCode).toBe(204);
    const setCookie = String(session.headers['set-cookie']);
    expect(setCookie).toContain(`${QUEUE_BOARD_COOKIE}=`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/admin/queues');
    const cookie = setCookie.split(';')[0]!;
    expect((await get('/admin/queues/api/queues', { cookie })).statusCode).toBe(200);
  });
});
