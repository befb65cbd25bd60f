import { UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogChanges } from '../rating-catalog/catalog-changes';
import { RatingCatalog } from '../rating-catalog/rating-catalog';
import { ApiTestKit } from '../testing/api-test-kit';

describe('routing test', () => {
  let kit: ApiTestKit;
  let admin = '';
  let stranger = '';
  const ids = { account: '', cheap: '', dear: '', loss: '', cardless: '', routing: '', reseller: '' };

  const created = async (url: string, body: object, token = admin) => {
    const response = await kit.request('POST', url, { token, body });
    if (response.status !== 201)
      throw new Error(`${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return (response.body as { id: string }).id;
  };
  const card = async (name: string, kind: 'sell' | 'buy', price: string) => {
    const id = await created('/rate-cards', { name, kind, currency: 'EUR' });
    await created(`/rate-cards/${id}/rates`, {
      prefix: '44',
      destination: 'United Kingdom',
      pricePerMinute: price,
      firstInterval: 60,
      nextInterval: 60,
      roundingMode: 'half_up',
      roundingDecimals: 4,
      effectiveFrom: '2020-01-01T00:00:00.000Z',
    });
    return id;
  };
  const vendor = async (name: string, buyRateCardId: string | null) => {
    const id = await created('/vendors', { name, currency: 'EUR', buyRateCardId });
    await created(`/vendors/${id}/trunks`, { name: 'gw', host: `${name.toLowerCase()}.example.test` });
    return id;
  };
  const test = (number: string, token = admin) =>
    kit.request('GET', `/accounts/${ids.account}/routing-test?number=${encodeURIComponent(number)}`, {
      token,
    });

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const { tenant: owner, user } = await kit.createTenant('Routing Test Owner');
    admin = await kit.login(user.email);
    const reseller = await kit.createTenant('Routing Test Other', owner);
    ids.reseller = reseller.tenant.id;
    stranger = await kit.login(reseller.user.email);
    const retail = await card('Retail', 'sell', '0.10');
    ids.cheap = await vendor('Cheap', await card('Cheap buys', 'buy', '0.02'));
    ids.dear = await vendor('Dear', await card('Dear buys', 'buy', '0.06'));
    ids.loss = await vendor('Loss', await card('Loss buys', 'buy', '0.12'));
    ids.cardless = await vendor('Cardless', null);
    ids.routing = await created('/routing-plans', { name: 'LCR', strategy: 'lcr', maxVendors: 1 });
    for (const id of [ids.dear, ids.cheap, ids.loss, ids.cardless])
      await created(`/routing-plans/${ids.routing}/vendors`, { vendorId: id });
    await created(`/routing-plans/${ids.routing}/prefixes`, { prefix: '4490', blocked: true });
    const plan = await created('/service-plans', {
      name: 'Plan',
      sellRateCardId: retail,
      routingPlanId: ids.routing,
    });
    ids.account = await created('/accounts', {
      code: 'RT-1',
      name: 'Routing',
      currency: 'EUR',
      servicePlanId: plan,
    });
    const since = Date.now();
    await kit.app.get(CatalogChanges).announce();
    while (kit.app.get(RatingCatalog).loadedAt.getTime() <= since)
      await new Promise((r) => setTimeout(r, 10));
  });
  afterAll(async () => kit?.close());

  it('shows the sell rate, the vendors used in order with cost and margin, and why the others are out', async () => {
    const response = await test('+442071234567');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      destination: '442071234567',
      routable: true,
      refusal: null,
      sellRate: { prefix: '44', pricePerMinute: '0.1', currency: 'EUR' },
      routingPlan: { id: ids.routing, strategy: 'lcr', matchedPrefix: '', maxVendors: 1 },
      vendors: [
        {
          vendorId: ids.cheap,
          cost: '0.02',
          margin: '0.08',
          gateways: [{ uri: 'sip:442071234567@cheap.example.test:5060;transport=udp' }],
        },
      ],
    });
    const excluded = (response.body as { excluded: Array<{ vendorId: string; reason: string }> }).excluded;
    expect(excluded).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ vendorId: ids.loss, reason: 'above-sell' }),
        expect.objectContaining({ vendorId: ids.dear, reason: 'beyond-max-vendors' }),
        expect.objectContaining({ vendorId: ids.cardless, reason: 'no-buy-card' }),
      ]),
    );
    expect(excluded).toHaveLength(3);
  });

  it('says why a destination cannot be routed', async () => {
    expect((await test('449012345')).body).toMatchObject({ routable: false, refusal: 'blocked-destination' });
    expect((await test('3312345678')).body).toMatchObject({
      routable: false,
      refusal: 'no-rate',
      sellRate: null,
    });
    expect((await test('not a number')).body).toMatchObject({ routable: false, destination: null });
  });

  it("answers 404 for another tenant's account and 400 without a number", async () => {
    expect((await test('+442071234567', stranger)).status).toBe(404);
    expect((await kit.request('GET', `/accounts/${ids.account}/routing-test`, { token: admin })).status).toBe(
      400,
    );
  });

  it("shows a reseller its own carriers only: its provider's are counted, never named or priced", async () => {
    const plan = (await kit.request('GET', `/accounts/${ids.account}`, { token: admin })).body.servicePlanId;
    // The provider puts its reseller's customer on its own plan, routed over its own carriers.
    const resellerAccount = await created('/accounts', {
      code: 'RT-R1',
      name: 'Reseller customer',
      currency: 'EUR',
      servicePlanId: plan,
      tenantId: ids.reseller,
    });
    const since = Date.now();
    await kit.app.get(CatalogChanges).announce();
    while (kit.app.get(RatingCatalog).loadedAt.getTime() <= since)
      await new Promise((r) => setTimeout(r, 10));
    const response = await kit.request(
      'GET',
      `/accounts/${resellerAccount}/routing-test?number=${encodeURIComponent('+442071234567')}`,
      { token: stranger },
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ routable: true, hiddenVendors: 4, vendors: [], excluded: [] });
    for (const secret of ['Cheap', 'Dear', '0.02', 'example.test'])
      expect(JSON.stringify(response.body)).not.toContain(secret);
    // The provider itself still sees everything about the same call.
    const asOwner = await kit.request(
      'GET',
      `/accounts/${resellerAccount}/routing-test?number=${encodeURIComponent('+442071234567')}`,
      { token: admin },
    );
    expect(asOwner.body).toMatchObject({ hiddenVendors: 0, vendors: [{ name: 'Cheap', cost: '0.02' }] });
  });

  it("keeps vendors' costs from the account's own end users", async () => {
    const { tenantId } = (await kit.request('GET', `/accounts/${ids.account}`, { token: admin })).body;
    await kit.createUser({ id: tenantId }, UserRole.Admin, 'routing-end-user@example.test', ids.account);
    const response = await test('+442071234567', await kit.login('routing-end-user@example.test'));
    expect(response.status).toBe(403);
    expect(JSON.stringify(response.body)).not.toContain('Cheap');
  });
});
