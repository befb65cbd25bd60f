import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

describe('domains', () => {
  let kit: ApiTestKit;
  let token: string;
  let resellerId: string;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const owner = await kit.createTenant('Domain Owner');
    token = await kit.login(owner.user.email);
    resellerId = (await kit.createTenant('Domain Reseller', owner.tenant)).tenant.id;
  });
  afterAll(async () => kit?.close());

  it('creates a domain, lower-cased, for the caller or for a reseller below it', async () => {
    const own = await kit.request('POST', '/domains', { token, body: { name: 'SIP.Example.COM' } });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ name: 'sip.example.com', enabled: true, description: null });
    const forReseller = await kit.request('POST', '/domains', {
      token,
      body: { name: 'sip.reseller.test', tenantId: resellerId },
    });
    expect(forReseller.body.tenantId).toBe(resellerId);
    const filtered = await kit.request('GET', `/domains?tenantId=${resellerId}`, { token });
    expect(filtered.body.data.map((d: { name: string }) => d.name)).toEqual(['sip.reseller.test']);
  });

  it('answers 409 naming the field for a name taken anywhere, and frees it once deleted', async () => {
    const first = await kit.request('POST', '/domains', { token, body: { name: 'taken.example.com' } });
    const duplicate = await kit.request('POST', '/domains', { token, body: { name: 'TAKEN.example.com' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ field: 'name', reason: 'name is already in use' }]);
    expect((await kit.request('DELETE', `/domains/${first.body.id}`, { token })).status).toBe(204);
    expect(
      (await kit.request('POST', '/domains', { token, body: { name: 'taken.example.com' } })).status,
    ).toBe(201);
  });

  it('rejects bad names, unknown fields and a tenant outside the caller scope', async () => {
    const bad = await kit.request('POST', '/domains', {
      token,
      body: { name: 'not a domain', colour: 'red' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('name');
    const foreign = await kit.request('POST', '/domains', {
      token,
      body: { name: 'foreign.example.com', tenantId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(foreign.status).toBe(404);
  });

  it('refuses to rename or delete a domain that still has lines (the name is their digest realm)', async () => {
    const domain = (await kit.request('POST', '/domains', { token, body: { name: 'busy.example.com' } }))
      .body;
    const account = await kit.request('POST', '/accounts', { token, body: { code: 'BUSY-1', name: 'Busy' } });
    const line = await kit.request('POST', '/lines', {
      token,
      body: { accountId: account.body.id, domainId: domain.id, username: 'busy' },
    });
    expect(line.status).toBe(201);
    const rename = await kit.request('PATCH', `/domains/${domain.id}`, {
      token,
      body: { name: 'other.example.com' },
    });
    expect(rename.status).toBe(409);
    expect(rename.body.errors[0].field).toBe('name');
    expect((await kit.request('DELETE', `/domains/${domain.id}`, { token })).status).toBe(409);
    expect(
      (await kit.request('PATCH', `/domains/${domain.id}`, { token, body: { enabled: false } })).status,
    ).toBe(200);
    expect((await kit.request('DELETE', `/lines/${line.body.id}`, { token })).status).toBe(204);
    expect((await kit.request('DELETE', `/domains/${domain.id}`, { token })).status).toBe(204);
  });

  it('updates and filters by state', async () => {
    const domain = (await kit.request('POST', '/domains', { token, body: { name: 'toggle.example.com' } }))
      .body;
    const updated = await kit.request('PATCH', `/domains/${domain.id}`, {
      token,
      body: { enabled: false, description: 'parked' },
    });
    expect(updated.body).toMatchObject({ enabled: false, description: 'parked' });
    const disabled = await kit.request('GET', '/domains?enabled=false', { token });
    expect(disabled.body.data.map((d: { id: string }) => d.id)).toEqual([domain.id]);
  });
});
