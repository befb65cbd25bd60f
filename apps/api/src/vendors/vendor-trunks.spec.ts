import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

describe('vendor trunks', () => {
  let kit: ApiTestKit;
  let token: string;
  let siblingToken: string;
  let resellerToken: string;
  let vendorId: string;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const owner = await kit.createTenant('Trunk Owner');
    token = await kit.login(owner.user.email);
    resellerToken = await kit.login((await kit.createTenant('Trunk Reseller', owner.tenant)).user.email);
    siblingToken = await kit.login((await kit.createTenant('Trunk Sibling', owner.tenant)).user.email);
    vendorId = await newVendor(resellerToken, 'Trunk Carrier');
  });
  afterAll(async () => kit?.close());

  async function newVendor(as: string, name: string): Promise<string> {
    return (await kit.request('POST', '/vendors', { token: as, body: { name, currency: 'EUR' } })).body.id;
  }
  const addTrunk = (vendor: string, body: unknown, as = resellerToken) =>
    kit.request('POST', `/vendors/${vendor}/trunks`, { token: as, body });
  const fields = (response: { body: { errors?: Array<{ field: string }> } }) =>
    (response.body.errors ?? []).map((error) => error.field);

  it('adds a trunk with its defaults and the SIP URI Kamailio dials', async () => {
    const response = await addTrunk(vendorId, { name: 'Frankfurt', host: 'GW1.Carrier.Example' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      vendorId,
      name: 'Frankfurt',
      host: 'gw1.carrier.example',
      port: 5060,
      transport: 'udp',
      stripDigits: 0,
      addPrefix: '',
      maxChannels: null,
      timeoutSeconds: 30,
      enabled: true,
      gatewayUri: 'sip:gw1.carrier.example:5060;transport=udp',
    });
    const fetched = await kit.request('GET', `/vendors/${vendorId}/trunks/${response.body.id}`, {
      token: resellerToken,
    });
    expect(fetched.body).toEqual(response.body);
    const audit = await kit.dataSource.query(`SELECT action, tenant_id FROM audit_log WHERE entity_id = $1`, [
      response.body.id,
    ]);
    expect(audit).toEqual([{ action: 'vendor_trunk.create', tenant_id: response.body.tenantId }]);
  });

  it('writes IP gateways and other transports into the URI, IPv6 in brackets', async () => {
    const cases = [
      [{ host: '192.0.2.10', port: 5080, transport: 'tcp' }, 'sip:192.0.2.10:5080;transport=tcp'],
      [{ host: '2001:db8::10', port: 5061, transport: 'tls' }, 'sip:[2001:db8::10]:5061;transport=tls'],
      [{ host: 'sbc', transport: 'tcp' }, 'sip:sbc:5060;transport=tcp'],
    ] as const;
    for (const [body, uri] of cases) {
      const response = await addTrunk(vendorId, { name: `Trunk ${uri}`, ...body });
      expect(response.status, uri).toBe(201);
      expect(response.body.gatewayUri).toBe(uri);
    }
  });

  it('names every bad field with 400 and writes nothing', async () => {
    const before = await kit.dataSource.query(`SELECT count(*)::int AS n FROM vendor_trunks`);
    const response = await addTrunk(vendorId, {
      name: '',
      host: 'not a host!',
      port: 70000,
      transport: 'sctp',
      stripDigits: -1,
      addPrefix: '+1',
      maxChannels: -1,
      timeoutSeconds: 301,
      enabled: 'on',
      codec: 'g729',
    });
    expect(response.status).toBe(400);
    expect(fields(response)).toEqual(
      expect.arrayContaining([
        'name',
        'host',
        'port',
        'transport',
        'stripDigits',
        'addPrefix',
        'maxChannels',
        'timeoutSeconds',
        'enabled',
      ]),
    );
    expect(JSON.stringify(response.body.errors)).toContain('codec');
    for (const bad of [
      { host: '999.1.1.1' },
      { host: '[2001:db8::1]' },
      { port: 0 },
      { timeoutSeconds: 0 },
    ]) {
      const one = await addTrunk(vendorId, { name: 'Bad', host: 'gw.example', ...bad });
      expect(fields(one), JSON.stringify(bad)).toEqual(Object.keys(bad));
    }
    expect(await kit.dataSource.query(`SELECT count(*)::int AS n FROM vendor_trunks`)).toEqual(before);
  });

  it('updates a trunk and its URI, filters by state, and deletes it', async () => {
    const trunk = (await addTrunk(vendorId, { name: 'Madrid', host: 'gw.madrid.example' })).body;
    const updated = await kit.request('PATCH', `/vendors/${vendorId}/trunks/${trunk.id}`, {
      token: resellerToken,
      body: {
        transport: 'tls',
        port: 5061,
        stripDigits: 2,
        addPrefix: '0034',
        maxChannels: 120,
        enabled: false,
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      stripDigits: 2,
      addPrefix: '0034',
      maxChannels: 120,
      enabled: false,
      gatewayUri: 'sip:gw.madrid.example:5061;transport=tls',
    });
    const disabled = await kit.request('GET', `/vendors/${vendorId}/trunks?enabled=false`, {
      token: resellerToken,
    });
    expect(disabled.body.data.map((t: { id: string }) => t.id)).toEqual([trunk.id]);
    expect(disabled.body.data[0].gatewayUri).toBe('sip:gw.madrid.example:5061;transport=tls');
    expect(
      (await kit.request('DELETE', `/vendors/${vendorId}/trunks/${trunk.id}`, { token: resellerToken }))
        .status,
    ).toBe(204);
    expect(
      (await kit.request('GET', `/vendors/${vendorId}/trunks/${trunk.id}`, { token: resellerToken })).status,
    ).toBe(404);
    expect((await kit.request('GET', `/vendors/${vendorId}`, { token: resellerToken })).status).toBe(200);
  });

  it('answers 404 for a trunk reached through another vendor', async () => {
    const trunk = (await addTrunk(vendorId, { name: 'Paris', host: 'gw.paris.example' })).body;
    const other = await newVendor(resellerToken, 'Other Carrier');
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { port: 5070 }],
      ['DELETE', undefined],
    ] as const) {
      const response = await kit.request(method, `/vendors/${other}/trunks/${trunk.id}`, {
        token: resellerToken,
        body,
      });
      expect(response.status, method).toBe(404);
    }
    const stored = await kit.request('GET', `/vendors/${vendorId}/trunks/${trunk.id}`, {
      token: resellerToken,
    });
    expect(stored.body.port).toBe(5060);
  });

  it("keeps a reseller's trunks from its sibling (404, even for an empty body) while the owner sees them", async () => {
    const trunk = (await addTrunk(vendorId, { name: 'Lisbon', host: 'gw.lisbon.example' })).body;
    expect((await kit.request('GET', `/vendors/${vendorId}/trunks`, { token: siblingToken })).status).toBe(
      404,
    );
    expect(
      (await kit.request('GET', `/vendors/${vendorId}/trunks/${trunk.id}`, { token: siblingToken })).status,
    ).toBe(404);
    expect((await addTrunk(vendorId, {}, siblingToken)).status).toBe(404);
    expect((await addTrunk(vendorId, { name: 'Planted', host: 'evil.example' }, siblingToken)).status).toBe(
      404,
    );
    expect(
      (
        await kit.request('PATCH', `/vendors/${vendorId}/trunks/${trunk.id}`, {
          token: siblingToken,
          body: { port: 1 },
        })
      ).status,
    ).toBe(404);
    const ownerView = await kit.request('GET', `/vendors/${vendorId}/trunks/${trunk.id}`, { token });
    expect(ownerView.body.port).toBe(5060);
    const planted = await kit.dataSource.query(
      `SELECT count(*)::int AS n FROM vendor_trunks WHERE name = 'Planted'`,
    );
    expect(planted[0].n).toBe(0);
  });
});
