import { randomUUID } from 'node:crypto';
import { type Tenant, UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';
import { readCidr } from './cidr-notation';

describe('banned IPs', () => {
  let kit: ApiTestKit;
  let owner: Tenant;
  let resellerA: Tenant;
  let ownerToken: string;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const ownerSetup = await kit.createTenant('Bans Owner');
    owner = ownerSetup.tenant;
    ownerToken = await kit.login(ownerSetup.user.email);
    const a = await kit.createTenant('Bans Reseller A', owner);
    const b = await kit.createTenant('Bans Reseller B', owner);
    resellerA = a.tenant;
    tokenA = await kit.login(a.user.email);
    tokenB = await kit.login(b.user.email);
  });
  afterAll(async () => kit?.close());

  const ban = (token: string, body: Record<string, unknown>) =>
    kit.request('POST', '/banned-ips', { token, body });
  const ids = (response: { body: { data: Array<{ id: string }> } }) =>
    response.body.data.map((row) => row.id);
  const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  it('writes addresses and networks exactly as PostgreSQL does, single addresses as /32 or /128', async () => {
    const inputs = [
      '192.0.2.1',
      '10.0.0.0/8',
      '0.0.0.0/0',
      '2001:0DB8:0:0:0:0:0:1',
      '2001:db8::/32',
      '2001:db8:0:0:1:0:0:1',
      '2001:0:0:1:0:0:0:1',
      '1:0:0:0:0:0:0:0',
      '::',
      '::2',
      '::ffff:1.2.3.4',
      '0:0:0:0:0:ffff:102:304',
      '::ffff:0:0/96',
      'fe80::/10',
      '1:0:2:0:3:0:4:0',
    ];
    for (const input of inputs) {
      const reading = readCidr(input);
      const [{ cidr }] = await kit.dataSource.query('SELECT $1::cidr::text AS cidr', [input]);
      expect(reading, input).toEqual({ ok: true, cidr });
    }
    const v4 = await ban(ownerToken, { cidr: ' 198.51.100.7 ', reason: 'SIP scanner' });
    expect(v4.status).toBe(201);
    expect(v4.body).toMatchObject({
      cidr: '198.51.100.7/32',
      reason: 'SIP scanner',
      expiresAt: null,
      tenantId: owner.id,
    });
    expect(v4.body.createdByUserId).toEqual(expect.any(String));
    const v6 = await ban(ownerToken, { cidr: '2001:DB8:0:0::7' });
    expect(v6.body.cidr).toBe('2001:db8::7/128');
    const fetched = await kit.request('GET', `/banned-ips/${v6.body.id}`, { token: ownerToken });
    expect(fetched.body).toEqual(v6.body);
  });

  it('names the field of a bad network with 400 and rejects unknown fields', async () => {
    for (const cidr of [
      'not-an-ip',
      '10.1.0.0/8',
      '192.0.2.1/33',
      '2001:db8::/129',
      'fe80::1%eth0',
      '1.2.3',
      '',
    ]) {
      const response = await ban(ownerToken, { cidr });
      expect(response.status, cidr).toBe(400);
      expect(
        response.body.errors.map((e: { field: string }) => e.field),
        cidr,
      ).toEqual(['cidr']);
    }
    const hostBits = await ban(ownerToken, { cidr: '10.1.0.0/8' });
    expect(hostBits.body.errors[0].reason).toContain('10.0.0.0/8');
    const response = await ban(ownerToken, {
      cidr: '192.0.2.0/24',
      expiresAt: '2001-01-01T00:00:00Z',
      port: 5060,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('expiresAt');
    expect(JSON.stringify(response.body.errors)).toContain('port');
  });

  it('answers 409 naming cidr when the tenant already bans the network, in any spelling', async () => {
    expect((await ban(ownerToken, { cidr: '203.0.113.0/24' })).status).toBe(201);
    const duplicate = await ban(ownerToken, { cidr: '203.0.113.0/24' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ field: 'cidr', reason: 'cidr is already in use' }]);
    expect((await ban(ownerToken, { cidr: '203.0.113.9' })).status).toBe(201);
    expect((await ban(ownerToken, { cidr: '203.0.113.9/32' })).status).toBe(409);
    expect((await ban(ownerToken, { cidr: '2001:db8:0::9' })).status).toBe(201);
    expect((await ban(ownerToken, { cidr: '2001:DB8::9/128' })).status).toBe(409);
    // Another tenant may ban the same network.
    expect((await ban(tokenA, { cidr: '203.0.113.0/24' })).status).toBe(201);
  });

  it('finds the bans containing an address, with PostgreSQL >>=', async () => {
    const { tenant } = await kit.createTenant('Contains Owner');
    const token = await kit.login(
      (await kit.createUser(tenant, UserRole.Admin, `bans-${randomUUID().slice(0, 8)}@example.test`)).email,
    );
    const wide = (await ban(token, { cidr: '100.64.0.0/10' })).body;
    const narrow = (await ban(token, { cidr: '100.64.1.0/24' })).body;
    const single = (await ban(token, { cidr: '100.64.1.1' })).body;
    const v6 = (await ban(token, { cidr: '2001:db8:ab00::/40' })).body;
    const contains = (address: string) =>
      kit.request('GET', `/banned-ips?contains=${encodeURIComponent(address)}`, { token });
    expect(ids(await contains('100.64.1.1')).sort()).toEqual([wide.id, narrow.id, single.id].sort());
    expect(ids(await contains('100.64.1.2')).sort()).toEqual([wide.id, narrow.id].sort());
    expect(ids(await contains('100.127.255.255'))).toEqual([wide.id]);
    expect(ids(await contains('100.128.0.0'))).toEqual([]);
    expect(ids(await contains('2001:db8:abcd::1'))).toEqual([v6.id]);
    const bad = await contains('100.64.1.0/24');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('contains');
  });

  it('finds the bans in force at a moment: permanent ones and those not yet expired', async () => {
    const { tenant } = await kit.createTenant('Active Owner');
    const token = await kit.login(
      (await kit.createUser(tenant, UserRole.Admin, `bans-${randomUUID().slice(0, 8)}@example.test`)).email,
    );
    const permanent = (await ban(token, { cidr: '192.0.2.10' })).body;
    const week = (await ban(token, { cidr: '192.0.2.11', expiresAt: future(7) })).body;
    const month = (await ban(token, { cidr: '192.0.2.12', expiresAt: future(30) })).body;
    const at = (moment: string) =>
      kit.request('GET', `/banned-ips?activeAt=${encodeURIComponent(moment)}`, { token });
    expect(ids(await at(new Date().toISOString())).sort()).toEqual([permanent.id, week.id, month.id].sort());
    expect(ids(await at(future(10))).sort()).toEqual([permanent.id, month.id].sort());
    expect(ids(await at(future(60)))).toEqual([permanent.id]);
    expect((await at('yesterday')).body.errors[0].field).toBe('activeAt');
  });

  it('updates, audits and lifts a ban', async () => {
    const created = (await ban(ownerToken, { cidr: '198.51.100.0/28', reason: 'flood' })).body;
    const updated = await kit.request('PATCH', `/banned-ips/${created.id}`, {
      token: ownerToken,
      body: { reason: 'registration flood', expiresAt: future(1) },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ cidr: '198.51.100.0/28', reason: 'registration flood' });
    const badPatch = await kit.request('PATCH', `/banned-ips/${created.id}`, {
      token: ownerToken,
      body: { cidr: '198.51.100.1/28' },
    });
    expect(badPatch.body.errors[0].field).toBe('cidr');
    expect((await kit.request('DELETE', `/banned-ips/${created.id}`, { token: ownerToken })).status).toBe(
      204,
    );
    expect((await kit.request('GET', `/banned-ips/${created.id}`, { token: ownerToken })).status).toBe(404);
    const audits = await kit.dataSource.query(
      `SELECT action, changes FROM audit_log WHERE entity_id = $1 ORDER BY created_at`,
      [created.id],
    );
    expect(audits.map((a: { action: string }) => a.action)).toEqual([
      'banned-ip.create',
      'banned-ip.update',
      'banned-ip.delete',
    ]);
    expect(audits[1].changes.reason).toEqual({ before: 'flood', after: 'registration flood' });
    // Lifted, the network may be banned again.
    expect((await ban(ownerToken, { cidr: '198.51.100.0/28' })).status).toBe(201);
  });

  it("keeps a reseller's bans from its siblings; the owner sees them", async () => {
    const banA = (await ban(tokenA, { cidr: '192.0.2.200' })).body;
    expect(banA.tenantId).toBe(resellerA.id);
    expect((await kit.request('GET', `/banned-ips/${banA.id}`, { token: tokenB })).status).toBe(404);
    expect(
      (await kit.request('PATCH', `/banned-ips/${banA.id}`, { token: tokenB, body: { reason: 'x' } })).status,
    ).toBe(404);
    expect((await kit.request('DELETE', `/banned-ips/${banA.id}`, { token: tokenB })).status).toBe(404);
    expect(ids(await kit.request('GET', '/banned-ips?limit=200', { token: tokenB }))).not.toContain(banA.id);
    expect(
      ids(await kit.request('GET', `/banned-ips?limit=200&tenantId=${resellerA.id}`, { token: ownerToken })),
    ).toContain(banA.id);
    const forA = await ban(ownerToken, { cidr: '192.0.2.201', tenantId: resellerA.id });
    expect(forA.body.tenantId).toBe(resellerA.id);
    expect((await ban(tokenB, { cidr: '192.0.2.202', tenantId: resellerA.id })).status).toBe(404);
  });

  it('pages newest first, or by network', async () => {
    const { tenant } = await kit.createTenant('Paging Owner');
    const token = await kit.login(
      (await kit.createUser(tenant, UserRole.Admin, `bans-${randomUUID().slice(0, 8)}@example.test`)).email,
    );
    const created: string[] = [];
    for (const cidr of ['10.0.0.3', '10.0.0.1', '10.0.0.2', '9.0.0.0/8'])
      created.push((await ban(token, { cidr })).body.id);
    const first = await kit.request('GET', '/banned-ips?limit=3', { token });
    const second = await kit.request('GET', `/banned-ips?limit=3&cursor=${first.body.nextCursor}`, { token });
    expect([...ids(first), ...ids(second)]).toEqual([...created].reverse());
    const byNetwork = await kit.request('GET', '/banned-ips?sort=cidr&order=asc&limit=2', { token });
    const rest = await kit.request(
      'GET',
      `/banned-ips?sort=cidr&order=asc&limit=2&cursor=${byNetwork.body.nextCursor}`,
      { token },
    );
    expect([...byNetwork.body.data, ...rest.body.data].map((row: { cidr: string }) => row.cidr)).toEqual([
      '9.0.0.0/8',
      '10.0.0.1/32',
      '10.0.0.2/32',
      '10.0.0.3/32',
    ]);
  });

  it('lets a read-only user look but not ban', async () => {
    const reader = await kit.createUser(
      owner,
      UserRole.ReadOnly,
      `bans-ro-${randomUUID().slice(0, 8)}@example.test`,
    );
    const token = await kit.login(reader.email);
    expect((await kit.request('GET', '/banned-ips', { token })).status).toBe(200);
    expect((await ban(token, { cidr: '192.0.2.99' })).status).toBe(403);
  });
});
