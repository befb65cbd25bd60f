import { randomUUID } from 'node:crypto';
import { type Tenant, type User, UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

interface Entry {
  id: string;
  tenantId: string;
  action: string;
  entityId: string;
  createdAt: string;
}

describe('audit log', () => {
  let kit: ApiTestKit;
  let owner: Tenant;
  let ownerUser: User;
  let resellerA: Tenant;
  let ownerToken: string;
  let tokenA: string;
  let tokenB: string;
  let tokenAChild: string;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const ownerSetup = await kit.createTenant('Audit Owner');
    owner = ownerSetup.tenant;
    ownerUser = ownerSetup.user;
    ownerToken = await kit.login(ownerUser.email);
    const a = await kit.createTenant('Audit Reseller A', owner);
    resellerA = a.tenant;
    tokenA = await kit.login(a.user.email);
    tokenB = await kit.login((await kit.createTenant('Audit Reseller B', owner)).user.email);
    tokenAChild = await kit.login((await kit.createTenant('Audit Reseller A1', resellerA)).user.email);
  });
  afterAll(async () => kit?.close());

  const createDomain = async (token: string) =>
    (
      await kit.request('POST', '/domains', {
        token,
        body: { name: `a-${randomUUID().slice(0, 8)}.example.test` },
      })
    ).body as { id: string; tenantId: string };
  const list = (token: string, query = '') =>
    kit.request<{ data: Entry[]; nextCursor: string | null }>('GET', `/audit-log${query}`, { token });

  it('lists who changed what, when and from where, newest first', async () => {
    const domain = await createDomain(ownerToken);
    await kit.request('PATCH', `/domains/${domain.id}`, { token: ownerToken, body: { description: 'edge' } });
    const response = await list(ownerToken, `?entityId=${domain.id}`);
    expect(response.status).toBe(200);
    expect(response.body.data.map((e) => e.action)).toEqual(['domain.update', 'domain.create']);
    const [update] = response.body.data;
    expect(update).toEqual({
      id: expect.any(String),
      tenantId: owner.id,
      actorUserId: ownerUser.id,
      actorApiKeyId: null,
      action: 'domain.update',
      entityType: 'domain',
      entityId: domain.id,
      changes: { description: { before: null, after: 'edge' } },
      ip: '127.0.0.1',
      userAgent: expect.any(String),
      requestId: expect.any(String),
      createdAt: expect.any(String),
    });
    const one = await kit.request('GET', `/audit-log/${update!.id}`, { token: ownerToken });
    expect(one.body).toEqual(update);
  });

  it('filters by entity, action, actor, tenant and time', async () => {
    const { tenant, user } = await kit.createTenant('Filter Owner');
    const token = await kit.login(user.email);
    const first = await createDomain(token);
    const second = await createDomain(token);
    await kit.request('DELETE', `/domains/${second.id}`, { token });
    const all = (await list(token, '?order=asc')).body.data;
    expect(all.map((e) => `${e.action} ${e.entityId}`)).toEqual([
      `domain.create ${first.id}`,
      `domain.create ${second.id}`,
      `domain.delete ${second.id}`,
    ]);
    expect((await list(token, '?action=domain.delete')).body.data.map((e) => e.entityId)).toEqual([
      second.id,
    ]);
    expect((await list(token, '?entityType=domain')).body.data).toHaveLength(3);
    expect((await list(token, '?entityType=reseller')).body.data).toHaveLength(0);
    expect((await list(token, `?actorUserId=${user.id}`)).body.data).toHaveLength(3);
    expect((await list(token, `?actorUserId=${ownerUser.id}`)).body.data).toHaveLength(0);
    expect((await list(token, `?tenantId=${tenant.id}`)).body.data).toHaveLength(3);
    const from = encodeURIComponent(all[1]!.createdAt);
    const to = encodeURIComponent(all[2]!.createdAt);
    expect((await list(token, `?from=${from}&to=${to}`)).body.data.map((e) => e.id)).toEqual([all[1]!.id]);
    const bad = await list(token, '?actorUserId=me&from=never');
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['actorUserId', 'from']),
    );
  });

  it('pages with a cursor without overlap', async () => {
    const { user } = await kit.createTenant('Paging Owner');
    const token = await kit.login(user.email);
    const domains: string[] = [];
    for (let i = 0; i < 5; i++) domains.push((await createDomain(token)).id);
    const first = await list(token, '?limit=2');
    const second = await list(token, `?limit=2&cursor=${first.body.nextCursor}`);
    const third = await list(token, `?limit=2&cursor=${second.body.nextCursor}`);
    expect([...first.body.data, ...second.body.data, ...third.body.data].map((e) => e.entityId)).toEqual(
      [...domains].reverse(),
    );
    expect(third.body.nextCursor).toBeNull();
  });

  it("shows each tenant its subtree's entries only; 404 for the others", async () => {
    const domainA = await createDomain(tokenA);
    const domainChild = await createDomain(tokenAChild);
    const domainB = await createDomain(tokenB);
    const entryOf = async (domainId: string) =>
      (await list(ownerToken, `?entityId=${domainId}`)).body.data[0]!;
    const [entryA, entryChild, entryB] = [
      await entryOf(domainA.id),
      await entryOf(domainChild.id),
      await entryOf(domainB.id),
    ];
    const visibleToA = (await list(tokenA, '?limit=200')).body.data.map((e) => e.id);
    expect(visibleToA).toEqual(expect.arrayContaining([entryA.id, entryChild.id]));
    expect(visibleToA).not.toContain(entryB.id);
    expect((await kit.request('GET', `/audit-log/${entryB.id}`, { token: tokenA })).status).toBe(404);
    expect((await kit.request('GET', `/audit-log/${entryA.id}`, { token: tokenAChild })).status).toBe(404);
    expect((await kit.request('GET', `/audit-log/${entryChild.id}`, { token: tokenA })).status).toBe(200);
    expect((await kit.request('GET', `/audit-log/${randomUUID()}`, { token: ownerToken })).status).toBe(404);
  });

  it('needs the admin permission', async () => {
    for (const role of [UserRole.Billing, UserRole.ReadOnly]) {
      const user = await kit.createUser(
        owner,
        role,
        `audit-${role}-${randomUUID().slice(0, 8)}@example.test`,
      );
      const token = await kit.login(user.email);
      expect((await list(token)).status, role).toBe(403);
    }
  });

  it('is read-only: no route writes to it', async () => {
    const entry = (await list(ownerToken, '?limit=1')).body.data[0]!;
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE'] as const) {
      const response = await kit.request(method, `/audit-log/${entry.id}`, { token: ownerToken, body: {} });
      expect(response.status, method).toBe(404);
    }
    expect((await kit.request('GET', `/audit-log/${entry.id}`, { token: ownerToken })).status).toBe(200);
  });
});
