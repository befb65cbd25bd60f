import { randomUUID } from 'node:crypto';
import { ApiKey, type Tenant, UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digest } from '../auth/secret-tokens';
import { ApiTestKit } from '../testing/api-test-kit';

describe('API keys', () => {
  let kit: ApiTestKit;
  let owner: Tenant;
  let resellerA: Tenant;
  let resellerB: Tenant;
  let ownerToken: string;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const ownerSetup = await kit.createTenant('Keys Owner');
    owner = ownerSetup.tenant;
    ownerToken = await kit.login(ownerSetup.user.email);
    const a = await kit.createTenant('Keys Reseller A', owner);
    const b = await kit.createTenant('Keys Reseller B', owner);
    resellerA = a.tenant;
    resellerB = b.tenant;
    tokenA = await kit.login(a.user.email);
    tokenB = await kit.login(b.user.email);
  });
  afterAll(async () => kit?.close());

  const createKey = (token: string, body: Record<string, unknown>) =>
    kit.request('POST', '/api-keys', { token, body: { name: `key ${randomUUID().slice(0, 6)}`, ...body } });
  const domainName = () => `d-${randomUUID().slice(0, 8)}.example.test`;

  it('answers the key once with its metadata; afterwards only the prefix, never the hash', async () => {
    const response = await createKey(ownerToken, {
      name: 'billing sync',
      permissions: ['billing', 'read', 'read'],
      expiresAt: '2099-01-01T00:00:00.000Z',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      tenantId: owner.id,
      name: 'billing sync',
      permissions: ['read', 'billing'],
      expiresAt: '2099-01-01T00:00:00.000Z',
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(response.body.createdByUserId).toEqual(expect.any(String));
    const { key, prefix, id } = response.body;
    expect(key).toMatch(/^tgk_[A-Za-z0-9_-]{40}$/);
    expect(prefix).toBe(key.slice(0, 12));
    expect(response.body).not.toHaveProperty('secretHash');

    const fetched = await kit.request('GET', `/api-keys/${id}`, { token: ownerToken });
    expect(fetched.body).not.toHaveProperty('key');
    expect(fetched.body).not.toHaveProperty('secretHash');
    const listed = await kit.request('GET', '/api-keys?limit=200', { token: ownerToken });
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(JSON.stringify(listed.body)).not.toContain(digest(key));
    expect(listed.body.data.find((row: { id: string }) => row.id === id)).toEqual(fetched.body);
    const stored = await kit.dataSource.getRepository(ApiKey).findOneByOrFail({ id });
    expect(stored.secretHash).toBe(digest(key));

    const [audit] = await kit.dataSource.query(`SELECT action, changes FROM audit_log WHERE entity_id = $1`, [
      id,
    ]);
    expect(audit.action).toBe('api-key.create');
    expect(audit.changes.secretHash).toBe('[changed]');
    expect(JSON.stringify(audit.changes)).not.toContain(digest(key));
  });

  it('authenticates requests with exactly its permissions, and records when it was last used', async () => {
    const readOnly = (await createKey(ownerToken, { permissions: ['read'] })).body;
    const writer = (await createKey(ownerToken, { permissions: ['read', 'write'] })).body;
    const read = await kit.request('GET', '/domains', { token: readOnly.key });
    expect(read.status).toBe(200);
    const refused = await kit.request('POST', '/domains', {
      token: readOnly.key,
      body: { name: domainName() },
    });
    expect(refused.status).toBe(403);
    const written = await kit.request('POST', '/domains', {
      token: writer.key,
      body: { name: domainName() },
    });
    expect(written.status).toBe(201);
    // A write key without admin cannot manage keys.
    expect((await kit.request('GET', '/api-keys', { token: writer.key })).status).toBe(403);
    const used = await kit.request('GET', `/api-keys/${readOnly.id}`, { token: ownerToken });
    expect(Date.now() - Date.parse(used.body.lastUsedAt)).toBeLessThan(60_000);
    const unused = (await createKey(ownerToken, { permissions: ['read'] })).body;
    expect(
      (await kit.request('GET', `/api-keys/${unused.id}`, { token: ownerToken })).body.lastUsedAt,
    ).toBeNull();
  });

  it("acts within its tenant's subtree only: a key of reseller A never sees reseller B's objects", async () => {
    const keyA = (await createKey(ownerToken, { permissions: ['read', 'write'], tenantId: resellerA.id }))
      .body;
    expect(keyA.tenantId).toBe(resellerA.id);
    const domainB = await kit.request('POST', '/domains', { token: tokenB, body: { name: domainName() } });
    const domainA = await kit.request('POST', '/domains', { token: keyA.key, body: { name: domainName() } });
    expect(domainA.body.tenantId).toBe(resellerA.id);
    const listed = await kit.request('GET', '/domains?limit=200', { token: keyA.key });
    const ids = listed.body.data.map((d: { id: string }) => d.id);
    expect(ids).toContain(domainA.body.id);
    expect(ids).not.toContain(domainB.body.id);
    expect((await kit.request('GET', `/domains/${domainB.body.id}`, { token: keyA.key })).status).toBe(404);
    const sneaky = await kit.request('POST', '/domains', {
      token: keyA.key,
      body: { name: domainName(), tenantId: resellerB.id },
    });
    expect(sneaky.status).toBe(404);
  });

  it('stops working once revoked; revoking again changes nothing', async () => {
    const created = (await createKey(ownerToken, { permissions: ['read'] })).body;
    expect((await kit.request('GET', '/domains', { token: created.key })).status).toBe(200);
    const revoked = await kit.request('POST', `/api-keys/${created.id}/revoke`, { token: ownerToken });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const unauthorized = await kit.request('GET', '/domains', { token: created.key });
    expect(unauthorized.status).toBe(401);
    const again = await kit.request('POST', `/api-keys/${created.id}/revoke`, { token: ownerToken });
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    const audits = await kit.dataSource.query(
      `SELECT action, changes FROM audit_log WHERE entity_id = $1 ORDER BY created_at`,
      [created.id],
    );
    expect(audits.map((a: { action: string }) => a.action)).toEqual(['api-key.create', 'api-key.revoke']);
    expect(audits[1].changes.revokedAt).toEqual({ before: null, after: revoked.body.revokedAt });
  });

  it('revokes on DELETE and keeps the key listed, revoked, for the history', async () => {
    const created = (await createKey(ownerToken, { permissions: ['read'] })).body;
    expect((await kit.request('DELETE', `/api-keys/${created.id}`, { token: ownerToken })).status).toBe(204);
    expect((await kit.request('GET', '/domains', { token: created.key })).status).toBe(401);
    const fetched = await kit.request('GET', `/api-keys/${created.id}`, { token: ownerToken });
    expect(fetched.status).toBe(200);
    expect(fetched.body.revokedAt).toEqual(expect.any(String));
    expect((await kit.request('DELETE', `/api-keys/${created.id}`, { token: ownerToken })).status).toBe(204);
  });

  it('refuses an expired key with 401', async () => {
    const created = (await createKey(ownerToken, { permissions: ['read'] })).body;
    await kit.dataSource
      .getRepository(ApiKey)
      .update({ id: created.id }, { expiresAt: new Date(Date.now() - 1000) });
    const response = await kit.request('GET', '/domains', { token: created.key });
    expect(response.status).toBe(401);
    const expired = await kit.request('GET', '/api-keys?status=expired', { token: ownerToken });
    expect(expired.body.data.map((k: { id: string }) => k.id)).toContain(created.id);
    const active = await kit.request('GET', '/api-keys?status=active&limit=200', { token: ownerToken });
    expect(active.body.data.map((k: { id: string }) => k.id)).not.toContain(created.id);
  });

  it("never grants more than the creator's own permissions", async () => {
    const admin = (await createKey(ownerToken, { permissions: ['read', 'admin'] })).body;
    const escalation = await createKey(admin.key, { permissions: ['read', 'write'] });
    expect(escalation.status).toBe(400);
    expect(escalation.body.errors).toEqual([
      { field: 'permissions', reason: expect.stringContaining('write') },
    ]);
    const allowed = await createKey(admin.key, { permissions: ['read'] });
    expect(allowed.status).toBe(201);
    expect(allowed.body.createdByUserId).toBeNull();
    const [audit] = await kit.dataSource.query(
      `SELECT actor_api_key_id FROM audit_log WHERE entity_id = $1`,
      [allowed.body.id],
    );
    expect(audit.actor_api_key_id).toBe(admin.id);
  });

  it('names each bad field with 400 and rejects unknown ones', async () => {
    const response = await kit.request('POST', '/api-keys', {
      token: ownerToken,
      body: { name: '', permissions: ['read', 'superuser'], expiresAt: '2001-01-01T00:00:00Z', scopes: [] },
    });
    expect(response.status).toBe(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'permissions.1', 'expiresAt']));
    expect(JSON.stringify(response.body.errors)).toContain('scopes');
    const empty = await createKey(ownerToken, { permissions: [] });
    expect(empty.body.errors[0].field).toBe('permissions');
    const foreignTenant = await createKey(tokenA, { permissions: ['read'], tenantId: resellerB.id });
    expect(foreignTenant.status).toBe(404);
  });

  it("keeps each reseller's keys to itself, while the owner sees them all", async () => {
    const keyB = (await createKey(tokenB, { permissions: ['read'] })).body;
    expect(keyB.tenantId).toBe(resellerB.id);
    expect((await kit.request('GET', `/api-keys/${keyB.id}`, { token: tokenA })).status).toBe(404);
    expect((await kit.request('POST', `/api-keys/${keyB.id}/revoke`, { token: tokenA })).status).toBe(404);
    expect((await kit.request('DELETE', `/api-keys/${keyB.id}`, { token: tokenA })).status).toBe(404);
    expect((await kit.request('GET', '/domains', { token: keyB.key })).status).toBe(200);
    const listedA = await kit.request('GET', '/api-keys?limit=200', { token: tokenA });
    expect(listedA.body.data.map((k: { id: string }) => k.id)).not.toContain(keyB.id);
    const listedOwner = await kit.request('GET', `/api-keys?limit=200&tenantId=${resellerB.id}`, {
      token: ownerToken,
    });
    expect(listedOwner.body.data.map((k: { id: string }) => k.id)).toEqual([keyB.id]);
  });

  it('filters by status and name, and pages', async () => {
    const tag = randomUUID().slice(0, 6);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await createKey(ownerToken, { name: `page-${tag}-${i}`, permissions: ['read'] })).body.id);
    await kit.request('POST', `/api-keys/${ids[1]}/revoke`, { token: ownerToken });
    const first = await kit.request('GET', `/api-keys?search=page-${tag}&limit=2`, { token: ownerToken });
    const second = await kit.request(
      'GET',
      `/api-keys?search=page-${tag}&limit=2&cursor=${first.body.nextCursor}`,
      { token: ownerToken },
    );
    // Newest first by default.
    expect([...first.body.data, ...second.body.data].map((k: { id: string }) => k.id)).toEqual(
      [...ids].reverse(),
    );
    expect(second.body.nextCursor).toBeNull();
    const revoked = await kit.request('GET', `/api-keys?search=page-${tag}&status=revoked`, {
      token: ownerToken,
    });
    expect(revoked.body.data.map((k: { id: string }) => k.id)).toEqual([ids[1]]);
    const active = await kit.request(
      'GET',
      `/api-keys?search=PAGE-${tag}&status=active&sort=name&order=desc`,
      {
        token: ownerToken,
      },
    );
    expect(active.body.data.map((k: { id: string }) => k.id)).toEqual([ids[2], ids[0]]);
  });

  it('needs the admin permission, and refuses end users', async () => {
    const billing = await kit.createUser(
      owner,
      UserRole.Billing,
      `keys-billing-${randomUUID().slice(0, 8)}@example.test`,
    );
    const billingToken = await kit.login(billing.email);
    expect((await kit.request('GET', '/api-keys', { token: billingToken })).status).toBe(403);
    expect((await createKey(billingToken, { permissions: ['read'] })).status).toBe(403);

    const accountId = (
      await kit.dataSource.query(
        `INSERT INTO accounts (tenant_id, code, name, billing_type, currency) VALUES ($1, $2, 'End', 'prepaid', 'EUR') RETURNING id`,
        [owner.id, `K-${randomUUID().slice(0, 8)}`],
      )
    )[0].id;
    const endUser = await kit.createUser(
      owner,
      UserRole.Admin,
      `keys-end-${randomUUID().slice(0, 8)}@example.test`,
      accountId,
    );
    const endUserToken = await kit.login(endUser.email);
    expect((await createKey(endUserToken, { permissions: ['read'] })).status).toBe(403);
    const listed = await kit.request('GET', '/api-keys', { token: endUserToken });
    expect(listed.body.data).toEqual([]);
  });
});
