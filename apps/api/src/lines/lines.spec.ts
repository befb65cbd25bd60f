import { createHash } from 'node:crypto';
import { Account, AccountStatus, BillingType, Domain, type Tenant, UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

interface LineBody {
  id: string;
  username: string;
  domain: string;
  sipPassword?: string;
  errors?: Array<{ field: string; reason: string }>;
  [field: string]: unknown;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

describe('lines', () => {
  let kit: ApiTestKit;
  let owner: Tenant;
  let resellerA: Tenant;
  let resellerB: Tenant;
  let subA: Tenant;
  const tokens = { owner: '', a: '', b: '' };
  const domains: Record<'owner' | 'a' | 'b' | 'subA', Domain> = {} as never;
  const accounts: Record<'owner' | 'a' | 'b' | 'subA', Account> = {} as never;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const ownerSetup = await kit.createTenant('Lines Owner');
    const a = await kit.createTenant('Lines Reseller A', ownerSetup.tenant);
    const b = await kit.createTenant('Lines Reseller B', ownerSetup.tenant);
    [owner, resellerA, resellerB] = [ownerSetup.tenant, a.tenant, b.tenant];
    subA = (await kit.createTenant('Lines Sub A', resellerA)).tenant;
    tokens.owner = await kit.login(ownerSetup.user.email);
    tokens.a = await kit.login(a.user.email);
    tokens.b = await kit.login(b.user.email);
    const tenants = { owner, a: resellerA, b: resellerB, subA };
    for (const [key, tenant] of Object.entries(tenants) as Array<[keyof typeof tenants, Tenant]>) {
      domains[key] = await kit.dataSource
        .getRepository(Domain)
        .save({ tenantId: tenant.id, name: `sip.${key.toLowerCase()}.lines.test` });
      accounts[key] = await account(tenant, `ACC-${key}`);
    }
  });
  afterAll(async () => kit?.close());

  function account(tenant: Tenant, code: string, status = AccountStatus.Active): Promise<Account> {
    return kit.dataSource.getRepository(Account).save({
      tenantId: tenant.id,
      code,
      name: code,
      billingType: BillingType.Prepaid,
      currency: 'EUR',
      status,
    });
  }

  const create = (token: string, body: object) => kit.request<LineBody>('POST', '/lines', { token, body });
  const created = async (token: string, body: object): Promise<LineBody> => {
    const response = await create(token, body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };
  const stored = async (id: string) =>
    (await kit.dataSource.query('SELECT * FROM lines WHERE id = $1', [id]))[0] as Record<string, unknown>;
  const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);

  it('creates a line whose stored digests are the ones Kamailio computes, and shows the password once', async () => {
    const password = 'correct-horse-42';
    const response = await create(tokens.owner, {
      accountId: accounts.owner.id,
      domainId: domains.owner.id,
      username: 'alice',
      password,
      callerIdName: 'Alice Example',
      callerIdNumber: '+4930123456',
      maxChannels: 2,
    });
    expect(response.status).toBe(201);
    const realm = domains.owner.name;
    expect(response.body).toMatchObject({
      tenantId: owner.id,
      accountId: accounts.owner.id,
      domainId: domains.owner.id,
      domain: realm,
      username: 'alice',
      sipUri: `sip:alice@${realm}`,
      callerIdName: 'Alice Example',
      callerIdNumber: '+4930123456',
      maxChannels: 2,
      status: 'active',
      sipPassword: password,
    });
    expect(response.body).not.toHaveProperty('ha1');

    const row = await stored(response.body.id);
    expect(row.ha1).toBe(md5(`alice:${realm}:${password}`));
    expect(row.ha1b).toBe(md5(`alice@${realm}:${realm}:${password}`));
    expect(JSON.stringify(row)).not.toContain(password);

    const { sipPassword: _shown, ...withoutPassword } = response.body;
    const fetched = await kit.request<LineBody>('GET', `/lines/${response.body.id}`, { token: tokens.owner });
    expect(fetched.body).toEqual(withoutPassword);
    const listed = await kit.request('GET', `/lines?accountId=${accounts.owner.id}`, { token: tokens.owner });
    expect(listed.body.data).toEqual([withoutPassword]);
    expect(JSON.stringify(listed.body)).not.toContain(password);

    const audit = await kit.dataSource.query(
      'SELECT action, tenant_id, changes FROM audit_log WHERE entity_id = $1',
      [response.body.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'line.create', tenant_id: owner.id });
    expect(audit[0].changes).toMatchObject({
      username: { before: null, after: 'alice' },
      ha1: '[changed]',
      ha1b: '[changed]',
    });
    expect(JSON.stringify(audit[0].changes)).not.toContain(String(row.ha1));
    expect(JSON.stringify(audit[0].changes)).not.toContain(password);
  });

  it('generates a 20-character random password when none is given', async () => {
    const lines = [];
    for (const username of ['gen.one', 'gen_two']) {
      lines.push(
        await created(tokens.owner, { accountId: accounts.owner.id, domainId: domains.owner.id, username }),
      );
    }
    const [first, second] = lines as [LineBody, LineBody];
    expect(first.sipPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(second.sipPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(first.sipPassword).not.toBe(second.sipPassword);
    const realm = domains.owner.name;
    expect((await stored(first.id)).ha1).toBe(md5(`gen.one:${realm}:${first.sipPassword}`));
    expect((await stored(second.id)).ha1b).toBe(md5(`gen_two@${realm}:${realm}:${second.sipPassword}`));
  });

  it('names every bad field with 400, unknown fields included', async () => {
    const response = await create(tokens.owner, {
      accountId: 'acc-1',
      domainId: 42,
      username: 'bad user',
      password: 'short',
      callerIdNumber: '030-123',
      maxChannels: 0,
      status: 'sleeping',
      colour: 'red',
    });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(
      expect.arrayContaining([
        'accountId',
        'domainId',
        'username',
        'password',
        'callerIdNumber',
        'maxChannels',
        'status',
      ]),
    );
    expect(JSON.stringify(response.body.errors)).toContain('colour');
    for (const username of ['', 'a'.repeat(65), 'bob@example.com', 'bob:1', 'bøb']) {
      const bad = await create(tokens.owner, {
        accountId: accounts.owner.id,
        domainId: domains.owner.id,
        username,
      });
      expect(fieldsOf(bad.body), username).toEqual(['username']);
    }
    const good = await created(tokens.owner, {
      accountId: accounts.owner.id,
      domainId: domains.owner.id,
      username: 'Valid.User_1-2+3',
      callerIdNumber: '4930999',
    });
    expect(good.sipUri).toBe(`sip:Valid.User_1-2+3@${domains.owner.name}`);
  });

  it('answers 409 on a username taken in the domain, and frees it on delete', async () => {
    const first = await created(tokens.owner, {
      accountId: accounts.owner.id,
      domainId: domains.owner.id,
      username: '1001',
    });
    const duplicate = await create(tokens.owner, {
      accountId: accounts.owner.id,
      domainId: domains.owner.id,
      username: '1001',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ field: 'username', reason: 'username is already in use' }]);
    await created(tokens.a, { accountId: accounts.a.id, domainId: domains.a.id, username: '1001' });
    expect((await kit.request('DELETE', `/lines/${first.id}`, { token: tokens.owner })).status).toBe(204);
    await created(tokens.owner, {
      accountId: accounts.owner.id,
      domainId: domains.owner.id,
      username: '1001',
    });
  });

  it("takes domains of the account's tenant or above it, never a sibling's or a sub-reseller's", async () => {
    const onParent = await created(tokens.a, {
      accountId: accounts.subA.id,
      domainId: domains.a.id,
      username: 'sub-on-a',
    });
    expect(onParent).toMatchObject({ tenantId: subA.id, domain: domains.a.name });
    const onOwner = await created(tokens.owner, {
      accountId: accounts.a.id,
      domainId: domains.owner.id,
      username: 'a-on-owner',
    });
    expect(onOwner.tenantId).toBe(resellerA.id);
    // The reseller reads its customer's line on the owner's domain, though it cannot list that domain.
    const seenByA = await kit.request('GET', `/lines/${onOwner.id}`, { token: tokens.a });
    expect(seenByA.body).toMatchObject({
      domain: domains.owner.name,
      sipUri: `sip:a-on-owner@${domains.owner.name}`,
    });

    const below = await create(tokens.a, {
      accountId: accounts.a.id,
      domainId: domains.subA.id,
      username: 'x1',
    });
    expect(below.status).toBe(400);
    expect(fieldsOf(below.body)).toEqual(['domainId']);
    const siblingByOwner = await create(tokens.owner, {
      accountId: accounts.a.id,
      domainId: domains.b.id,
      username: 'x2',
    });
    expect(siblingByOwner.status).toBe(400);
    expect(fieldsOf(siblingByOwner.body)).toEqual(['domainId']);
    const siblingByA = await create(tokens.a, {
      accountId: accounts.a.id,
      domainId: domains.b.id,
      username: 'x3',
    });
    expect(siblingByA.status).toBe(404);
    // Domains above the caller are outside its scope: only the owner attaches its own domains.
    const ownerDomainByA = await create(tokens.a, {
      accountId: accounts.a.id,
      domainId: domains.owner.id,
      username: 'x4',
    });
    expect(ownerDomainByA.status).toBe(404);
    const foreignAccount = await create(tokens.a, {
      accountId: accounts.b.id,
      domainId: domains.a.id,
      username: 'x5',
    });
    expect(foreignAccount.status).toBe(404);
    const rows = await kit.dataSource.query(`SELECT count(*) FROM lines WHERE username LIKE 'x_'`);
    expect(rows[0].count).toBe('0');
  });

  it('refuses new lines on a closed account', async () => {
    const closed = await account(owner, 'CLOSED-1', AccountStatus.Closed);
    const response = await create(tokens.owner, {
      accountId: closed.id,
      domainId: domains.owner.id,
      username: 'closed',
    });
    expect(response.status).toBe(409);
    expect(fieldsOf(response.body)).toEqual(['accountId']);
  });

  it('updates a line; a new username or domain needs a new password and recomputes both digests', async () => {
    const line = await created(tokens.a, {
      accountId: accounts.subA.id,
      domainId: domains.subA.id,
      username: 'mover',
      password: 'first-password-1',
    });
    const plain = await kit.request<LineBody>('PATCH', `/lines/${line.id}`, {
      token: tokens.a,
      body: { callerIdName: 'Mover', callerIdNumber: null, maxChannels: null, status: 'disabled' },
    });
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({ callerIdName: 'Mover', status: 'disabled', maxChannels: null });
    expect(plain.body).not.toHaveProperty('sipPassword');

    const before = await stored(line.id);
    const renamedAlone = await kit.request<LineBody>('PATCH', `/lines/${line.id}`, {
      token: tokens.a,
      body: { username: 'mover2' },
    });
    expect(renamedAlone.status).toBe(400);
    expect(fieldsOf(renamedAlone.body)).toEqual(['password']);
    const movedAlone = await kit.request<LineBody>('PATCH', `/lines/${line.id}`, {
      token: tokens.a,
      body: { domainId: domains.a.id },
    });
    expect(fieldsOf(movedAlone.body)).toEqual(['password']);
    expect(await stored(line.id)).toMatchObject({ username: 'mover', ha1: before.ha1 });

    const moved = await kit.request<LineBody>('PATCH', `/lines/${line.id}`, {
      token: tokens.a,
      body: { username: 'mover2', domainId: domains.a.id, password: 'second-password-2' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      username: 'mover2',
      domain: domains.a.name,
      sipUri: `sip:mover2@${domains.a.name}`,
    });
    const realm = domains.a.name;
    expect(await stored(line.id)).toMatchObject({
      ha1: md5(`mover2:${realm}:second-password-2`),
      ha1b: md5(`mover2@${realm}:${realm}:second-password-2`),
    });
    const sameName = await kit.request('PATCH', `/lines/${line.id}`, {
      token: tokens.a,
      body: { username: 'mover2', callerIdName: 'Still me' },
    });
    expect(sameName.status).toBe(200);

    const toSibling = await kit.request('PATCH', `/lines/${line.id}`, {
      token: tokens.owner,
      body: { domainId: domains.b.id, password: 'third-password-3' },
    });
    expect(toSibling.status).toBe(400);
    expect(fieldsOf(toSibling.body)).toEqual(['domainId']);
    const otherAccount = await kit.request('PATCH', `/lines/${line.id}`, {
      token: tokens.a,
      body: { accountId: accounts.a.id },
    });
    expect(otherAccount.status).toBe(400);
    expect((await stored(line.id)).account_id).toBe(accounts.subA.id);

    const audit = await kit.dataSource.query(
      `SELECT changes FROM audit_log WHERE entity_id = $1 AND action = 'line.update' ORDER BY created_at`,
      [line.id],
    );
    expect(audit).toHaveLength(3);
    expect(audit[1].changes).toMatchObject({
      username: { before: 'mover', after: 'mover2' },
      domainId: { before: domains.subA.id, after: domains.a.id },
      ha1: '[changed]',
    });
  });

  it('resets a password (generated or given), answering it once', async () => {
    const line = await created(tokens.owner, {
      accountId: accounts.owner.id,
      domainId: domains.owner.id,
      username: 'reset-me',
      password: 'original-password',
    });
    const realm = domains.owner.name;
    const generated = await kit.request<LineBody>('POST', `/lines/${line.id}/password`, {
      token: tokens.owner,
      body: {},
    });
    expect(generated.status).toBe(200);
    expect(generated.body.sipPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect((await stored(line.id)).ha1).toBe(md5(`reset-me:${realm}:${generated.body.sipPassword}`));

    const noBody = await kit.request<LineBody>('POST', `/lines/${line.id}/password`, { token: tokens.owner });
    expect(noBody.status).toBe(200);
    expect(noBody.body.sipPassword).not.toBe(generated.body.sipPassword);

    const given = await kit.request<LineBody>('POST', `/lines/${line.id}/password`, {
      token: tokens.owner,
      body: { password: 'chosen-password-9' },
    });
    expect(given.body).toMatchObject({ sipPassword: 'chosen-password-9', username: 'reset-me' });
    expect(await stored(line.id)).toMatchObject({
      ha1: md5(`reset-me:${realm}:chosen-password-9`),
      ha1b: md5(`reset-me@${realm}:${realm}:chosen-password-9`),
    });
    const short = await kit.request<LineBody>('POST', `/lines/${line.id}/password`, {
      token: tokens.owner,
      body: { password: 'too-short' },
    });
    expect(short.status).toBe(400);
    expect(fieldsOf(short.body)).toEqual(['password']);
    expect((await kit.request('GET', `/lines/${line.id}`, { token: tokens.owner })).body).not.toHaveProperty(
      'sipPassword',
    );
    const audit = await kit.dataSource.query(
      `SELECT changes FROM audit_log WHERE entity_id = $1 AND action = 'line.reset-password'`,
      [line.id],
    );
    expect(audit).toHaveLength(3);
    expect(audit[2].changes).toEqual({ ha1: '[changed]', ha1b: '[changed]' });
  });

  it('lets an end user see its own lines and reset their passwords, nothing more', async () => {
    const own = await created(tokens.a, {
      accountId: accounts.a.id,
      domainId: domains.a.id,
      username: 'eu-own',
    });
    const neighbour = await account(resellerA, 'NEIGHBOUR');
    const foreign = await created(tokens.a, {
      accountId: neighbour.id,
      domainId: domains.a.id,
      username: 'eu-other',
    });
    const admin = await kit.createUser(
      resellerA,
      UserRole.Admin,
      'lines-end-admin@example.test',
      accounts.a.id,
    );
    const token = await kit.login(admin.email);

    const list = await kit.request('GET', '/lines?limit=200', { token });
    expect(list.body.data.every((l: LineBody) => l.accountId === accounts.a.id)).toBe(true);
    expect(list.body.data.map((l: LineBody) => l.id)).toContain(own.id);
    expect((await kit.request('GET', `/lines/${foreign.id}`, { token })).status).toBe(404);

    const reset = await kit.request<LineBody>('POST', `/lines/${own.id}/password`, { token, body: {} });
    expect(reset.status).toBe(200);
    expect((await stored(own.id)).ha1).toBe(md5(`eu-own:${domains.a.name}:${reset.body.sipPassword}`));
    expect((await kit.request('POST', `/lines/${foreign.id}/password`, { token, body: {} })).status).toBe(
      404,
    );

    expect(
      (await create(token, { accountId: accounts.a.id, domainId: domains.a.id, username: 'eu-new' })).status,
    ).toBe(403);
    expect(
      (await kit.request('PATCH', `/lines/${own.id}`, { token, body: { callerIdName: 'x' } })).status,
    ).toBe(403);
    expect((await kit.request('DELETE', `/lines/${own.id}`, { token })).status).toBe(403);

    const reader = await kit.createUser(
      resellerA,
      UserRole.ReadOnly,
      'lines-end-reader@example.test',
      accounts.a.id,
    );
    const readerToken = await kit.login(reader.email);
    expect((await kit.request('GET', `/lines/${own.id}`, { token: readerToken })).status).toBe(200);
    expect(
      (await kit.request('POST', `/lines/${own.id}/password`, { token: readerToken, body: {} })).status,
    ).toBe(403);
  });

  it('lets a read-only user read but not write', async () => {
    const line = await created(tokens.owner, {
      accountId: accounts.owner.id,
      domainId: domains.owner.id,
      username: 'ro-target',
    });
    const reader = await kit.createUser(owner, UserRole.ReadOnly, 'ro-lines@example.test');
    const token = await kit.login(reader.email);
    expect((await kit.request('GET', `/lines/${line.id}`, { token })).status).toBe(200);
    expect(
      (await create(token, { accountId: accounts.owner.id, domainId: domains.owner.id, username: 'ro-new' }))
        .status,
    ).toBe(403);
    expect(
      (await kit.request('PATCH', `/lines/${line.id}`, { token, body: { status: 'disabled' } })).status,
    ).toBe(403);
    expect((await kit.request('POST', `/lines/${line.id}/password`, { token, body: {} })).status).toBe(403);
    expect((await kit.request('DELETE', `/lines/${line.id}`, { token })).status).toBe(403);
  });

  it("hides a reseller's line from its sibling (404), changing nothing, and shows it to the owner", async () => {
    const line = await created(tokens.b, {
      accountId: accounts.b.id,
      domainId: domains.b.id,
      username: 'b-secret',
    });
    const before = await stored(line.id);
    expect((await kit.request('GET', `/lines/${line.id}`, { token: tokens.a })).status).toBe(404);
    expect(
      (await kit.request('PATCH', `/lines/${line.id}`, { token: tokens.a, body: { status: 'disabled' } }))
        .status,
    ).toBe(404);
    expect(
      (await kit.request('POST', `/lines/${line.id}/password`, { token: tokens.a, body: {} })).status,
    ).toBe(404);
    expect((await kit.request('DELETE', `/lines/${line.id}`, { token: tokens.a })).status).toBe(404);
    expect(await stored(line.id)).toEqual(before);
    const listA = await kit.request('GET', '/lines?limit=200', { token: tokens.a });
    expect(listA.body.data.map((l: LineBody) => l.id)).not.toContain(line.id);
    const asOwner = await kit.request('GET', `/lines/${line.id}`, { token: tokens.owner });
    expect(asOwner.body).toMatchObject({ username: 'b-secret', domain: domains.b.name });
  });

  it('filters, sorts and pages', async () => {
    const listed = await account(owner, 'LISTED');
    for (const [username, status] of [
      ['list-c', 'active'],
      ['list-a', 'disabled'],
      ['LIST-e', 'active'],
      ['list-b', 'active'],
      ['list-d', 'disabled'],
    ] as const)
      await created(tokens.owner, { accountId: listed.id, domainId: domains.owner.id, username, status });
    const names = async (query: string) => {
      const response = await kit.request('GET', `/lines?accountId=${listed.id}&${query}`, {
        token: tokens.owner,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.data.map((l: LineBody) => l.username);
    };
    expect(await names('')).toEqual(['LIST-e', 'list-a', 'list-b', 'list-c', 'list-d']);
    expect(await names('status=disabled')).toEqual(['list-a', 'list-d']);
    expect(await names('search=list-E')).toEqual(['LIST-e']);
    expect(await names('sort=username&order=desc&limit=2')).toEqual(['list-d', 'list-c']);
    expect(await names('sort=createdAt')).toEqual(['list-c', 'list-a', 'LIST-e', 'list-b', 'list-d']);
    expect(await names(`domainId=${domains.a.id}`)).toEqual([]);
    const first = await kit.request('GET', `/lines?accountId=${listed.id}&limit=3`, { token: tokens.owner });
    const second = await kit.request(
      'GET',
      `/lines?accountId=${listed.id}&limit=3&cursor=${first.body.nextCursor}`,
      {
        token: tokens.owner,
      },
    );
    expect([...first.body.data, ...second.body.data].map((l: LineBody) => l.username)).toEqual([
      'LIST-e',
      'list-a',
      'list-b',
      'list-c',
      'list-d',
    ]);
    expect(second.body.nextCursor).toBeNull();
    const byTenant = await kit.request('GET', `/lines?tenantId=${resellerB.id}`, { token: tokens.owner });
    expect(byTenant.body.data.every((l: LineBody) => l.tenantId === resellerB.id)).toBe(true);
  });

  it('soft-deletes a line and audits it', async () => {
    const line = await created(tokens.owner, {
      accountId: accounts.owner.id,
      domainId: domains.owner.id,
      username: 'to-delete',
    });
    expect((await kit.request('DELETE', `/lines/${line.id}`, { token: tokens.owner })).status).toBe(204);
    expect((await kit.request('GET', `/lines/${line.id}`, { token: tokens.owner })).status).toBe(404);
    expect((await kit.request('DELETE', `/lines/${line.id}`, { token: tokens.owner })).status).toBe(404);
    expect((await stored(line.id)).deleted_at).not.toBeNull();
    const audit = await kit.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY created_at`,
      [line.id],
    );
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['line.create', 'line.delete']);
  });
});
