import { Account, BillingType, UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

describe('vendors', () => {
  let kit: ApiTestKit;
  let ownerToken: string;
  let ownerTenantId: string;
  let a: { id: string; token: string };
  let b: { id: string; token: string };

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const owner = await kit.createTenant('Vendor Owner');
    ownerTenantId = owner.tenant.id;
    ownerToken = await kit.login(owner.user.email);
    const resellerA = await kit.createTenant('Vendor Reseller A', owner.tenant);
    const resellerB = await kit.createTenant('Vendor Reseller B', owner.tenant);
    a = { id: resellerA.tenant.id, token: await kit.login(resellerA.user.email) };
    b = { id: resellerB.tenant.id, token: await kit.login(resellerB.user.email) };
  });
  afterAll(async () => kit?.close());

  const create = (token: string, body: Record<string, unknown>) =>
    kit.request('POST', '/vendors', { token, body });
  const card = async (token: string, name: string, kind = 'buy', currency = 'USD', tenantId?: string) =>
    (await kit.request('POST', '/rate-cards', { token, body: { name, kind, currency, tenantId } })).body
      .id as string;
  const fields = (response: { body: { errors?: Array<{ field: string }> } }) =>
    (response.body.errors ?? []).map((error) => error.field);

  it('creates a vendor with its defaults and reads it back', async () => {
    const response = await create(ownerToken, {
      name: 'Carrier One',
      currency: 'USD',
      qualityScore: '87.5',
      blockedPrefixes: ['881', '882', '881'],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      tenantId: ownerTenantId,
      name: 'Carrier One',
      currency: 'USD',
      enabled: true,
      buyRateCardId: null,
      priority: 0,
      weight: 1,
      qualityScore: '87.5',
      blockedPrefixes: ['881', '882'],
      notes: null,
    });
    expect((await kit.request('GET', `/vendors/${response.body.id}`, { token: ownerToken })).body).toEqual(
      response.body,
    );
    const audit = await kit.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [
      response.body.id,
    ]);
    expect(audit).toEqual([{ action: 'vendor.create' }]);
  });

  it('names every bad field with 400 and writes nothing', async () => {
    const before = await kit.dataSource.query(`SELECT count(*)::int AS n FROM vendors`);
    const response = await create(ownerToken, {
      name: '',
      currency: 'usd',
      enabled: 'yes',
      buyRateCardId: 'card-1',
      priority: -1,
      weight: 1.5,
      qualityScore: 87.5,
      blockedPrefixes: ['44a', ''],
      notes: 'x'.repeat(2001),
      region: 'EU',
    });
    expect(response.status).toBe(400);
    expect(fields(response)).toEqual(
      expect.arrayContaining([
        'name',
        'currency',
        'enabled',
        'buyRateCardId',
        'priority',
        'weight',
        'qualityScore',
        'blockedPrefixes.0',
        'blockedPrefixes.1',
        'notes',
      ]),
    );
    expect(JSON.stringify(response.body.errors)).toContain('region');
    expect(fields(await create(ownerToken, { name: 'Q', currency: 'USD', qualityScore: '1000' }))).toEqual([
      'qualityScore',
    ]);
    expect(await kit.dataSource.query(`SELECT count(*)::int AS n FROM vendors`)).toEqual(before);
  });

  it('answers 409 naming the name for a duplicate in the tenant, not in another, and frees it on delete', async () => {
    const first = await create(ownerToken, { name: 'Carrier Dup', currency: 'EUR' });
    const duplicate = await create(ownerToken, { name: 'Carrier Dup', currency: 'USD' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ field: 'name', reason: 'name is already in use' }]);
    expect((await create(a.token, { name: 'Carrier Dup', currency: 'EUR' })).status).toBe(201);
    expect((await kit.request('DELETE', `/vendors/${first.body.id}`, { token: ownerToken })).status).toBe(
      204,
    );
    expect((await create(ownerToken, { name: 'Carrier Dup', currency: 'EUR' })).status).toBe(201);
  });

  describe('buy rate card', () => {
    it('takes a buy card of the same tenant and currency', async () => {
      const buy = await card(ownerToken, 'Vendor Buy USD');
      const response = await create(ownerToken, {
        name: 'Carrier Priced',
        currency: 'USD',
        buyRateCardId: buy,
      });
      expect(response.status).toBe(201);
      expect(response.body.buyRateCardId).toBe(buy);
      const filtered = await kit.request('GET', `/vendors?buyRateCardId=${buy}`, { token: ownerToken });
      expect(filtered.body.data.map((v: { id: string }) => v.id)).toEqual([response.body.id]);
    });

    it('refuses a sell card, a card in another currency and a card of another tenant with 400 naming it', async () => {
      const sell = await card(ownerToken, 'Vendor Sell', 'sell');
      const euro = await card(ownerToken, 'Vendor Buy EUR', 'buy', 'EUR');
      const resellers = await card(ownerToken, 'A Buy USD', 'buy', 'USD', a.id);
      for (const [buyRateCardId, reason] of [
        [sell, 'must be a buy rate card'],
        [euro, 'the rate card is in EUR, the vendor bills in USD'],
        [resellers, "must be a rate card of the vendor's own tenant"],
      ]) {
        const response = await create(ownerToken, {
          name: `Carrier ${reason}`,
          currency: 'USD',
          buyRateCardId,
        });
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual([{ field: 'buyRateCardId', reason }]);
      }
    });

    it("answers 404 for a sibling's card or one that does not exist, and writes nothing", async () => {
      const siblings = await card(b.token, 'B Buy USD');
      const before = await kit.dataSource.query(
        `SELECT count(*)::int AS n FROM vendors WHERE tenant_id = $1`,
        [a.id],
      );
      for (const buyRateCardId of [siblings, '00000000-0000-4000-8000-000000000000']) {
        const response = await create(a.token, { name: 'Carrier Sneaky', currency: 'USD', buyRateCardId });
        expect(response.status).toBe(404);
      }
      const own = (await create(a.token, { name: 'Carrier A', currency: 'USD' })).body;
      const patched = await kit.request('PATCH', `/vendors/${own.id}`, {
        token: a.token,
        body: { buyRateCardId: siblings },
      });
      expect(patched.status).toBe(404);
      expect(
        (await kit.request('GET', `/vendors/${own.id}`, { token: a.token })).body.buyRateCardId,
      ).toBeNull();
      const after = await kit.dataSource.query(
        `SELECT count(*)::int AS n FROM vendors WHERE tenant_id = $1`,
        [a.id],
      );
      expect(after[0].n).toBe(before[0].n + 1);
    });

    it('checks the currency the vendor ends up with on update', async () => {
      const usd = await card(ownerToken, 'Switch USD');
      const eur = await card(ownerToken, 'Switch EUR', 'buy', 'EUR');
      const vendor = (
        await create(ownerToken, { name: 'Carrier Switch', currency: 'USD', buyRateCardId: usd })
      ).body;
      const mismatch = await kit.request('PATCH', `/vendors/${vendor.id}`, {
        token: ownerToken,
        body: { currency: 'EUR' },
      });
      expect(mismatch.status).toBe(400);
      expect(fields(mismatch)).toEqual(['buyRateCardId']);
      const both = await kit.request('PATCH', `/vendors/${vendor.id}`, {
        token: ownerToken,
        body: { currency: 'EUR', buyRateCardId: eur },
      });
      expect(both.status).toBe(200);
      expect(both.body).toMatchObject({ currency: 'EUR', buyRateCardId: eur });
      const cleared = await kit.request('PATCH', `/vendors/${vendor.id}`, {
        token: ownerToken,
        body: { buyRateCardId: null, currency: 'GBP' },
      });
      expect(cleared.body).toMatchObject({ currency: 'GBP', buyRateCardId: null });
    });

    it('keeps the card from being deleted while the vendor uses it', async () => {
      const buy = await card(ownerToken, 'In Use Buy');
      const vendor = (
        await create(ownerToken, { name: 'Carrier Holding', currency: 'USD', buyRateCardId: buy })
      ).body;
      expect((await kit.request('DELETE', `/rate-cards/${buy}`, { token: ownerToken })).status).toBe(409);
      expect((await kit.request('DELETE', `/vendors/${vendor.id}`, { token: ownerToken })).status).toBe(204);
      expect((await kit.request('DELETE', `/rate-cards/${buy}`, { token: ownerToken })).status).toBe(204);
    });
  });

  it('updates, filters and sorts', async () => {
    const { tenant, user } = await kit.createTenant('Vendor Sort Owner');
    const token = await kit.login(user.email);
    for (const [name, priority, currency] of [
      ['Tertiary', 3, 'EUR'],
      ['Primary', 1, 'EUR'],
      ['Secondary', 2, 'USD'],
    ] as const)
      await create(token, { name, priority, currency });
    const byPriority = await kit.request('GET', '/vendors?sort=priority', { token });
    expect(byPriority.body.data.map((v: { name: string }) => v.name)).toEqual([
      'Primary',
      'Secondary',
      'Tertiary',
    ]);
    const secondary = byPriority.body.data[1];
    const updated = await kit.request('PATCH', `/vendors/${secondary.id}`, {
      token,
      body: { enabled: false, weight: 0, notes: 'maintenance', blockedPrefixes: ['1900'] },
    });
    expect(updated.body).toMatchObject({
      enabled: false,
      weight: 0,
      notes: 'maintenance',
      blockedPrefixes: ['1900'],
    });
    const disabled = await kit.request('GET', '/vendors?enabled=false', { token });
    expect(disabled.body.data.map((v: { name: string }) => v.name)).toEqual(['Secondary']);
    const euros = await kit.request('GET', '/vendors?currency=EUR&search=ARY&order=desc', { token });
    expect(euros.body.data.map((v: { name: string }) => v.name)).toEqual(['Tertiary', 'Primary']);
    const [entry] = await kit.dataSource.query(
      `SELECT changes FROM audit_log WHERE entity_id = $1 AND action = 'vendor.update'`,
      [secondary.id],
    );
    expect(entry.changes.enabled).toEqual({ before: true, after: false });
    expect(tenant.id).toBe(byPriority.body.data[0].tenantId);
  });

  it('deletes a vendor with its trunks, both kept for history and audited', async () => {
    const vendor = (await create(ownerToken, { name: 'Carrier Gone', currency: 'USD' })).body;
    const trunkIds: string[] = [];
    for (const host of ['gw1.gone.example', 'gw2.gone.example']) {
      const trunk = await kit.request('POST', `/vendors/${vendor.id}/trunks`, {
        token: ownerToken,
        body: { name: host, host },
      });
      trunkIds.push(trunk.body.id);
    }
    expect((await kit.request('DELETE', `/vendors/${vendor.id}`, { token: ownerToken })).status).toBe(204);
    expect((await kit.request('GET', `/vendors/${vendor.id}`, { token: ownerToken })).status).toBe(404);
    expect((await kit.request('GET', `/vendors/${vendor.id}/trunks`, { token: ownerToken })).status).toBe(
      404,
    );
    const trunks = await kit.dataSource.query(`SELECT deleted_at FROM vendor_trunks WHERE vendor_id = $1`, [
      vendor.id,
    ]);
    expect(trunks).toHaveLength(2);
    expect(trunks.every((t: { deleted_at: Date | null }) => t.deleted_at !== null)).toBe(true);
    const audit = await kit.dataSource.query(
      `SELECT entity_id, action FROM audit_log WHERE action IN ('vendor.delete', 'vendor_trunk.delete') AND (entity_id = $1 OR entity_id = ANY($2))`,
      [vendor.id, trunkIds],
    );
    expect(audit).toHaveLength(3);
  });

  it("keeps a reseller's vendor from its sibling while the owner sees it; end users see none", async () => {
    const vendor = (await create(b.token, { name: 'B Carrier', currency: 'EUR' })).body;
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { name: 'Taken Over' }],
      ['DELETE', undefined],
    ] as const)
      expect(
        (await kit.request(method, `/vendors/${vendor.id}`, { token: a.token, body })).status,
        method,
      ).toBe(404);
    const listA = await kit.request('GET', '/vendors?limit=200', { token: a.token });
    expect(listA.body.data.map((v: { id: string }) => v.id)).not.toContain(vendor.id);
    expect((await create(a.token, { name: 'Planted', currency: 'EUR', tenantId: b.id })).status).toBe(404);
    expect((await kit.request('GET', `/vendors/${vendor.id}`, { token: ownerToken })).body.name).toBe(
      'B Carrier',
    );
    const account = await kit.dataSource.getRepository(Account).save({
      tenantId: b.id,
      code: 'V-1',
      name: 'Vendor End Customer',
      billingType: BillingType.Prepaid,
      currency: 'EUR',
    });
    const endUser = await kit.login(
      (await kit.createUser({ id: b.id }, UserRole.Admin, 'vendor-end-user@example.test', account.id)).email,
    );
    expect((await kit.request('GET', '/vendors', { token: endUser })).body.data).toEqual([]);
    expect((await kit.request('GET', `/vendors/${vendor.id}`, { token: endUser })).status).toBe(404);
  });

  it('lets a read-only user read but not write', async () => {
    const reader = await kit.login(
      (await kit.createUser({ id: ownerTenantId }, UserRole.ReadOnly, 'vendor-ro@example.test')).email,
    );
    expect((await kit.request('GET', '/vendors', { token: reader })).status).toBe(200);
    expect((await create(reader, { name: 'Nope', currency: 'EUR' })).status).toBe(403);
  });
});
