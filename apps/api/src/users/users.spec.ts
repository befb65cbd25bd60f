import { randomBytes, randomUUID } from 'node:crypto';
import { Account, BillingType, type Tenant, UserRole } from '@tollgate/db';
import { verify } from 'argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

interface UserBody {
  id: string;
  email: string;
  tenantId: string;
  accountId: string | null;
  errors?: Array<{ field: string; reason: string }>;
  [field: string]: unknown;
}

const PASSWORD = 'a strong password 1';

describe('users', () => {
  let kit: ApiTestKit;
  let owner: Tenant;
  let resellerA: Tenant;
  let resellerB: Tenant;
  let accountA: Account;
  const admins = { owner: '', a: '', b: '' };
  const tokens = { owner: '', a: '', b: '' };
  // Unique per run: failed logins are counted in the Redis every run and test file shares.
  const run = randomUUID().slice(0, 8);
  const email = (name: string) => `${name}-${run}@users.test`;
  // Failed logins also count per address: this file's own, so other files are not throttled.
  const address = `10.${randomBytes(3).join('.')}`;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const o = await kit.createTenant('Users Owner');
    const a = await kit.createTenant('Users Reseller A', o.tenant);
    const b = await kit.createTenant('Users Reseller B', o.tenant);
    [owner, resellerA, resellerB] = [o.tenant, a.tenant, b.tenant];
    [admins.owner, admins.a, admins.b] = [o.user.id, a.user.id, b.user.id];
    tokens.owner = await kit.login(o.user.email);
    tokens.a = await kit.login(a.user.email);
    tokens.b = await kit.login(b.user.email);
    accountA = await kit.dataSource.getRepository(Account).save({
      tenantId: resellerA.id,
      code: 'USR-A',
      name: 'Account of A',
      billingType: BillingType.Prepaid,
      currency: 'EUR',
    });
  });
  afterAll(async () => kit?.close());

  const create = (token: string, body: object) => kit.request<UserBody>('POST', '/users', { token, body });
  const created = async (token: string, body: object): Promise<UserBody> => {
    const response = await create(token, body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };
  const staff = (name: string, extra: object = {}) => ({
    email: email(name),
    displayName: name,
    role: 'admin',
    password: PASSWORD,
    ...extra,
  });
  const login = (userEmail: string, password = PASSWORD) =>
    kit.request<{ accessToken: string; refreshToken: string; user: UserBody }>('POST', '/auth/login', {
      body: { email: userEmail, password },
      ip: address,
    });
  const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);
  const openSessions = async (userId: string) =>
    Number(
      (
        await kit.dataSource.query(
          'SELECT count(*) FROM user_sessions WHERE user_id = $1 AND revoked_at IS NULL',
          [userId],
        )
      )[0].count,
    );

  it('creates a login with an argon2id hash that is never shown, and audits it', async () => {
    const response = await create(tokens.owner, {
      email: `Mixed.Case-${run}@Users.TEST`,
      displayName: 'Billing Clerk',
      role: 'billing',
      password: PASSWORD,
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      tenantId: owner.id,
      accountId: null,
      email: `mixed.case-${run}@users.test`,
      displayName: 'Billing Clerk',
      role: 'billing',
      active: true,
      lastLoginAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const [row] = await kit.dataSource.query('SELECT password_hash FROM users WHERE id = $1', [
      response.body.id,
    ]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verify(row.password_hash, PASSWORD)).toBe(true);

    const session = await login(response.body.email);
    expect(session.status).toBe(200);
    expect(session.body.user.role).toBe('billing');
    const fetched = await kit.request('GET', `/users/${response.body.id}`, { token: tokens.owner });
    expect(fetched.body).not.toHaveProperty('passwordHash');
    expect(fetched.body.lastLoginAt).not.toBeNull();

    const audit = await kit.dataSource.query(
      'SELECT action, tenant_id, changes FROM audit_log WHERE entity_id = $1',
      [response.body.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'user.create', tenant_id: owner.id });
    expect(audit[0].changes).toMatchObject({
      passwordHash: '[changed]',
      role: { before: null, after: 'billing' },
    });
    expect(JSON.stringify(audit[0].changes)).not.toContain('argon2');
  });

  it("creates logins below the caller, end-user logins in their account's tenant", async () => {
    const forA = await created(
      tokens.owner,
      staff('owner-made-a', { tenantId: resellerA.id, role: 'read_only' }),
    );
    expect(forA).toMatchObject({ tenantId: resellerA.id, role: 'read_only' });

    const endUser = await created(tokens.a, staff('end-user', { accountId: accountA.id }));
    expect(endUser).toMatchObject({ tenantId: resellerA.id, accountId: accountA.id });
    const session = await login(endUser.email);
    expect(session.body.user).toMatchObject({ accountId: accountA.id, tenantId: resellerA.id });

    const mismatch = await create(
      tokens.owner,
      staff('mismatch', { accountId: accountA.id, tenantId: owner.id }),
    );
    expect(mismatch.status).toBe(400);
    expect(fieldsOf(mismatch.body)).toEqual(['accountId']);
    expect((await create(tokens.b, staff('foreign-account', { accountId: accountA.id }))).status).toBe(404);
    expect((await create(tokens.a, staff('foreign-tenant', { tenantId: resellerB.id }))).status).toBe(404);
    expect((await create(tokens.a, staff('upward', { tenantId: owner.id }))).status).toBe(404);
    const leftovers = await kit.dataSource.query(
      `SELECT email FROM users WHERE email LIKE '%foreign%' OR email LIKE '%upward%'`,
    );
    expect(leftovers).toEqual([]);
  });

  it('names every bad field with 400, unknown fields included', async () => {
    const response = await create(tokens.owner, {
      email: 'not-an-email',
      displayName: '',
      role: 'superuser',
      password: 'short',
      tenantId: 'tenant-1',
      accountId: 7,
      active: 'yes',
      passwordHash: '$argon2id$forged',
    });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(
      expect.arrayContaining(['email', 'displayName', 'role', 'password', 'tenantId', 'accountId', 'active']),
    );
    expect(JSON.stringify(response.body.errors)).toContain('passwordHash');
    const patch = await kit.request('PATCH', `/users/${admins.a}`, {
      token: tokens.owner,
      body: { email: 'new@users.test', password: 'short' },
    });
    expect(patch.status).toBe(400);
    expect(JSON.stringify(patch.body.errors)).toContain('email');
    expect(fieldsOf(patch.body)).toContain('password');
  });

  it('answers 409 on an e-mail already in use, whatever its case', async () => {
    await created(tokens.owner, staff('taken'));
    const duplicate = await create(tokens.b, staff('taken', { email: email('TAKEN') }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ field: 'email', reason: 'email is already in use' }]);
  });

  it('filters, sorts and pages', async () => {
    const tenant = (await kit.createTenant('Users Listing', owner)).tenant;
    for (const [name, role, active] of [
      ['Carol', 'billing', true],
      ['alice', 'admin', true],
      ['Bob', 'read_only', false],
      ['Dave', 'billing', true],
    ] as const)
      await created(
        tokens.owner,
        staff(`list-${name}`, { displayName: name, role, active, tenantId: tenant.id }),
      );
    const names = async (query: string) => {
      const response = await kit.request('GET', `/users?tenantId=${tenant.id}&${query}`, {
        token: tokens.owner,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.data.map((u: UserBody) => u.displayName);
    };
    expect(await names('search=list-')).toEqual(['alice', 'Bob', 'Carol', 'Dave']);
    expect(await names('role=billing')).toEqual(['Carol', 'Dave']);
    expect(await names('active=false')).toEqual(['Bob']);
    expect(await names('search=list-&sort=displayName&order=desc')).toEqual([
      'alice',
      'Dave',
      'Carol',
      'Bob',
    ]);
    expect(await names('search=CAROL')).toEqual(['Carol']);
    const first = await kit.request('GET', `/users?tenantId=${tenant.id}&search=list-&limit=3`, {
      token: tokens.owner,
    });
    const second = await kit.request(
      'GET',
      `/users?tenantId=${tenant.id}&search=list-&limit=3&cursor=${first.body.nextCursor}`,
      { token: tokens.owner },
    );
    expect([...first.body.data, ...second.body.data].map((u: UserBody) => u.displayName)).toEqual([
      'alice',
      'Bob',
      'Carol',
      'Dave',
    ]);
    expect(second.body.nextCursor).toBeNull();
    const endUsers = await kit.request('GET', `/users?accountId=${accountA.id}`, { token: tokens.owner });
    expect(endUsers.body.data.every((u: UserBody) => u.accountId === accountA.id)).toBe(true);
    expect(endUsers.body.data.length).toBeGreaterThan(0);
  });

  it("lists staff logins or end-user logins apart, within the caller's subtree only", async () => {
    const endUser = await created(tokens.a, staff('kind-end-user', { accountId: accountA.id }));
    const kind = async (token: string, query: string) => {
      const response = await kit.request('GET', `/users?limit=200&${query}`, { token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.data as UserBody[];
    };
    const staffOfA = await kind(tokens.a, `kind=staff&tenantId=${resellerA.id}`);
    expect(staffOfA.map((u) => u.id)).toContain(admins.a);
    expect(staffOfA.every((u) => u.accountId === null && u.tenantId === resellerA.id)).toBe(true);
    const endUsersOfA = await kind(tokens.a, 'kind=end-user');
    expect(endUsersOfA.map((u) => u.id)).toContain(endUser.id);
    expect(endUsersOfA.every((u) => u.accountId !== null)).toBe(true);
    // Another reseller sees neither A's staff nor A's end users, and cannot name A's tenant.
    const seenByB = await kind(tokens.b, 'kind=staff');
    expect(seenByB.map((u) => u.id)).not.toContain(admins.a);
    expect((await kind(tokens.b, 'kind=end-user')).map((u) => u.id)).not.toContain(endUser.id);
    expect(await kind(tokens.b, `kind=staff&tenantId=${resellerA.id}`)).toEqual([]);
    const bad = await kit.request('GET', '/users?kind=robots', { token: tokens.a });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('kind');
  });

  it('disabling a login ends its sessions and refuses it, re-enabling lets it back in', async () => {
    const user = await created(tokens.owner, staff('disable-me', { role: 'billing' }));
    const session = await login(user.email);
    expect(await openSessions(user.id)).toBe(1);
    const disabled = await kit.request('PATCH', `/users/${user.id}`, {
      token: tokens.owner,
      body: { active: false, displayName: 'Gone fishing' },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ active: false, displayName: 'Gone fishing' });
    expect(await openSessions(user.id)).toBe(0);
    const refresh = await kit.request('POST', '/auth/refresh', {
      body: { refreshToken: session.body.refreshToken },
    });
    expect(refresh.status).toBe(401);
    expect((await kit.request('GET', '/auth/me', { token: session.body.accessToken })).status).toBe(401);
    expect((await login(user.email)).status).toBe(401);
    await kit.request('PATCH', `/users/${user.id}`, { token: tokens.owner, body: { active: true } });
    const back = await login(user.email);
    expect(back.status).toBe(200);
    expect((await kit.request('GET', '/auth/me', { token: back.body.accessToken })).status).toBe(200);
    const audit = await kit.dataSource.query(
      `SELECT changes FROM audit_log WHERE entity_id = $1 AND action = 'user.update' ORDER BY created_at`,
      [user.id],
    );
    expect(audit[0].changes).toEqual({
      active: { before: true, after: false },
      displayName: { before: 'disable-me', after: 'Gone fishing' },
    });
  });

  it("an administrator's password reset replaces the password and ends the sessions", async () => {
    const user = await created(tokens.a, staff('reset-me', { role: 'read_only' }));
    await login(user.email);
    const reset = await kit.request('PATCH', `/users/${user.id}`, {
      token: tokens.a,
      body: { password: 'the new password 2', role: 'billing' },
    });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ role: 'billing' });
    expect(await openSessions(user.id)).toBe(0);
    expect((await login(user.email)).status).toBe(401);
    expect((await login(user.email, 'the new password 2')).status).toBe(200);
    const [audit] = await kit.dataSource.query(
      `SELECT changes FROM audit_log WHERE entity_id = $1 AND action = 'user.update'`,
      [user.id],
    );
    expect(audit.changes).toEqual({
      passwordHash: '[changed]',
      role: { before: 'read_only', after: 'billing' },
    });
  });

  it('never lets a user disable or delete itself', async () => {
    const self = await kit.request('PATCH', `/users/${admins.owner}`, {
      token: tokens.owner,
      body: { active: false },
    });
    expect(self.status).toBe(409);
    expect(fieldsOf(self.body)).toEqual(['active']);
    expect((await kit.request('DELETE', `/users/${admins.owner}`, { token: tokens.owner })).status).toBe(409);
    const renamed = await kit.request('PATCH', `/users/${admins.owner}`, {
      token: tokens.owner,
      body: { displayName: 'Still the owner' },
    });
    expect(renamed.status).toBe(200);
    const [row] = await kit.dataSource.query('SELECT active, deleted_at FROM users WHERE id = $1', [
      admins.owner,
    ]);
    expect(row).toEqual({ active: true, deleted_at: null });
  });

  it('never leaves a tenant without an active administrator', async () => {
    const { tenant, user: onlyAdmin } = await kit.createTenant('Users Lonely', owner);
    // An end-user administrator runs its account only: it does not count as the tenant's administrator.
    const account = await kit.dataSource.getRepository(Account).save({
      tenantId: tenant.id,
      code: 'LONELY',
      name: 'Lonely customer',
      billingType: BillingType.Prepaid,
      currency: 'EUR',
    });
    await created(tokens.owner, staff('lonely-end-admin', { accountId: account.id }));
    const demote = await kit.request('PATCH', `/users/${onlyAdmin.id}`, {
      token: tokens.owner,
      body: { role: 'billing' },
    });
    expect(demote.status).toBe(409);
    expect(fieldsOf(demote.body)).toEqual(['role']);
    const disable = await kit.request('PATCH', `/users/${onlyAdmin.id}`, {
      token: tokens.owner,
      body: { active: false },
    });
    expect(disable.status).toBe(409);
    expect(fieldsOf(disable.body)).toEqual(['active']);
    expect((await kit.request('DELETE', `/users/${onlyAdmin.id}`, { token: tokens.owner })).status).toBe(409);

    const inactiveAdmin = await created(
      tokens.owner,
      staff('lonely-inactive', { tenantId: tenant.id, active: false }),
    );
    expect(
      (
        await kit.request('PATCH', `/users/${onlyAdmin.id}`, {
          token: tokens.owner,
          body: { role: 'billing' },
        })
      ).status,
    ).toBe(409);
    await kit.request('PATCH', `/users/${inactiveAdmin.id}`, { token: tokens.owner, body: { active: true } });
    const now = await kit.request('PATCH', `/users/${onlyAdmin.id}`, {
      token: tokens.owner,
      body: { role: 'billing' },
    });
    expect(now.status).toBe(200);
    expect((await kit.request('DELETE', `/users/${inactiveAdmin.id}`, { token: tokens.owner })).status).toBe(
      409,
    );
  });

  it('soft-deletes a login, ends its sessions and audits it', async () => {
    const user = await created(tokens.b, staff('delete-me', { role: 'read_only' }));
    await login(user.email);
    expect((await kit.request('DELETE', `/users/${user.id}`, { token: tokens.b })).status).toBe(204);
    expect(await openSessions(user.id)).toBe(0);
    expect((await kit.request('GET', `/users/${user.id}`, { token: tokens.b })).status).toBe(404);
    expect((await login(user.email)).status).toBe(401);
    const [row] = await kit.dataSource.query('SELECT deleted_at FROM users WHERE id = $1', [user.id]);
    expect(row.deleted_at).not.toBeNull();
    const audit = await kit.dataSource.query(
      'SELECT action, tenant_id FROM audit_log WHERE entity_id = $1 ORDER BY created_at',
      [user.id],
    );
    expect(audit).toEqual([
      { action: 'user.create', tenant_id: resellerB.id },
      { action: 'user.delete', tenant_id: resellerB.id },
    ]);
  });

  it('answers 403 to anyone without the admin permission, end-user administrators included', async () => {
    for (const role of [UserRole.Billing, UserRole.ReadOnly]) {
      const user = await kit.createUser(owner, role, email(`no-admin-${role}`));
      const token = await kit.login(user.email);
      expect((await kit.request('GET', '/users', { token })).status).toBe(403);
      expect((await kit.request('GET', `/users/${admins.owner}`, { token })).status).toBe(403);
      expect((await create(token, staff(`by-${role}`))).status).toBe(403);
    }
    const endAdmin = await kit.createUser(resellerA, UserRole.Admin, email('end-admin'), accountA.id);
    const token = await kit.login(endAdmin.email);
    expect((await kit.request('GET', '/users', { token })).status).toBe(403);
    expect((await kit.request('GET', `/users/${endAdmin.id}`, { token })).status).toBe(403);
    expect((await create(token, staff('by-end-admin', { accountId: accountA.id }))).status).toBe(403);
    expect(
      (await kit.request('PATCH', `/users/${endAdmin.id}`, { token, body: { role: 'admin' } })).status,
    ).toBe(403);
  });

  it("hides a reseller's logins from its sibling and parents' logins from the reseller", async () => {
    const user = await created(tokens.b, staff('b-secret', { role: 'billing' }));
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { displayName: 'Hijacked' }],
      ['DELETE', undefined],
    ] as const) {
      const response = await kit.request(method, `/users/${user.id}`, { token: tokens.a, body });
      expect(response.status, method).toBe(404);
    }
    expect((await kit.request('GET', `/users/${admins.owner}`, { token: tokens.a })).status).toBe(404);
    const listA = await kit.request('GET', '/users?limit=200', { token: tokens.a });
    const ids = listA.body.data.map((u: UserBody) => u.id);
    expect(ids).not.toContain(user.id);
    expect(ids).not.toContain(admins.owner);
    expect(ids).toContain(admins.a);
    const asOwner = await kit.request('GET', `/users/${user.id}`, { token: tokens.owner });
    expect(asOwner.body).toMatchObject({ displayName: 'b-secret', tenantId: resellerB.id });
  });
});
