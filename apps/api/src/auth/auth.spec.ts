import { UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit, TEST_PASSWORD } from '../testing/api-test-kit';

describe('auth: login, tokens, refresh, logout, password change', () => {
  let kit: ApiTestKit;
  let email: string;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const { user } = await kit.createTenant('Auth Owner');
    email = user.email;
  });
  afterAll(async () => kit?.close());

  const login = (body: unknown, ip = '10.1.0.1') => kit.request('POST', '/auth/login', { body, ip });

  it('logs in and the access token identifies the user', async () => {
    const response = await login({ email: email.toUpperCase(), password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { email, role: 'admin', tenantKind: 'owner', accountId: null },
    });
    const me = await kit.request('GET', '/auth/me', { token: response.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email, permissions: ['read', 'write', 'billing', 'admin'] });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it("says whether the user's tenant is the operator or a reseller, so a portal knows which area to open", async () => {
    const { tenant: owner } = await kit.createTenant('Kind Owner');
    const { user: reseller } = await kit.createTenant('Kind Reseller', owner);
    const response = await login({ email: reseller.email, password: TEST_PASSWORD }, '10.1.0.3');
    expect(response.body.user).toMatchObject({ tenantKind: 'reseller', accountId: null });
    const me = await kit.request('GET', '/auth/me', { token: response.body.accessToken });
    expect(me.body).toMatchObject({ email: reseller.email, tenantKind: 'reseller' });
  });

  it('answers a wrong password and an unknown e-mail alike', async () => {
    const wrong = await login({ email, password: 'nope' }, '10.1.0.2');
    const unknown = await login({ email: 'nobody@example.test', password: 'nope' }, '10.1.0.2');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('names each bad field and rejects unknown ones with 400', async () => {
    const response = await login({ email: 'not-an-email', password: '', admin: true });
    expect(response.status).toBe(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
    expect(JSON.stringify(response.body.errors)).toContain('admin');
  });

  it('refuses logins after five failures for the same e-mail, even with the right password', async () => {
    const { user } = await kit.createTenant('Rate Limited Owner');
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await login({ email: user.email, password: 'wrong' }, `10.2.0.${attempt}`)).status).toBe(401);
    }
    const blocked = await login({ email: user.email, password: TEST_PASSWORD }, '10.2.0.99');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('rotates refresh tokens: each works once', async () => {
    const first = await login({ email, password: TEST_PASSWORD });
    const refreshed = await kit.request('POST', '/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(first.body.refreshToken);
    const replayed = await kit.request('POST', '/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(replayed.status).toBe(401);
  });

  it('logout ends the session of its refresh token', async () => {
    const session = await login({ email, password: TEST_PASSWORD });
    const logout = await kit.request('POST', '/auth/logout', {
      body: { refreshToken: session.body.refreshToken },
    });
    expect(logout.status).toBe(204);
    const refresh = await kit.request('POST', '/auth/refresh', {
      body: { refreshToken: session.body.refreshToken },
    });
    expect(refresh.status).toBe(401);
  });

  it('a read-only user may change their own password, which ends their other sessions', async () => {
    const { tenant } = await kit.createTenant('Password Owner');
    const reader = await kit.createUser(tenant, UserRole.ReadOnly, 'reader@example.test');
    const session = await login({ email: reader.email, password: TEST_PASSWORD }, '10.3.0.1');
    const wrongCurrent = await kit.request('POST', '/auth/password', {
      token: session.body.accessToken,
      body: { currentPassword: 'wrong', newPassword: 'a brand new passphrase' },
    });
    expect(wrongCurrent.status).toBe(422);
    expect(wrongCurrent.body.errors[0].field).toBe('currentPassword');
    const tooShort = await kit.request('POST', '/auth/password', {
      token: session.body.accessToken,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(tooShort.status).toBe(400);
    const changed = await kit.request('POST', '/auth/password', {
      token: session.body.accessToken,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(changed.status).toBe(204);
    expect((await login({ email: reader.email, password: TEST_PASSWORD }, '10.3.0.2')).status).toBe(401);
    expect(
      (await login({ email: reader.email, password: 'a brand new passphrase' }, '10.3.0.3')).status,
    ).toBe(200);
    const oldRefresh = await kit.request('POST', '/auth/refresh', {
      body: { refreshToken: session.body.refreshToken },
    });
    expect(oldRefresh.status).toBe(401);
  });

  it('rejects a forged or missing token with 401', async () => {
    expect((await kit.request('GET', '/auth/me')).status).toBe(401);
    expect((await kit.request('GET', '/auth/me', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.forged' })).status).toBe(
      401,
    );
    expect((await kit.request('GET', '/auth/me', { token: 'tgk_unknownkeyunknownkey' })).status).toBe(401);
  });
});
