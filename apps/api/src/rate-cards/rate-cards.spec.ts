import { Account, BillingType, ServicePlan, UserRole, Vendor } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

describe('rate cards', () => {
  let kit: ApiTestKit;
  let ownerToken: string;
  let ownerTenantId: string;
  let resellerA: { id: string; token: string };
  let resellerB: { id: string; token: string };

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const owner = await kit.createTenant('Card Owner');
    ownerTenantId = owner.tenant.id;
    ownerToken = await kit.login(owner.user.email);
    const a = await kit.createTenant('Card Reseller A', owner.tenant);
    const b = await kit.createTenant('Card Reseller B', owner.tenant);
    resellerA = { id: a.tenant.id, token: await kit.login(a.user.email) };
    resellerB = { id: b.tenant.id, token: await kit.login(b.user.email) };
  });
  afterAll(async () => kit?.close());

  const create = (token: string, body: Record<string, unknown>) =>
    kit.request('POST', '/rate-cards', { token, body });
  const fields = (response: { body: { errors?: Array<{ field: string }> } }) =>
    (response.body.errors ?? []).map((error) => error.field);

  it('creates a card with defaults, reads it back, and audits the creation', async () => {
    const response = await create(ownerToken, { name: 'Retail EUR', kind: 'sell', currency: 'EUR' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      tenantId: ownerTenantId,
      name: 'Retail EUR',
      kind: 'sell',
      currency: 'EUR',
      timezone: 'UTC',
      description: null,
    });
    const fetched = await kit.request('GET', `/rate-cards/${response.body.id}`, { token: ownerToken });
    expect(fetched.body).toEqual(response.body);
    const audit = await kit.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [
      response.body.id,
    ]);
    expect(audit).toEqual([{ action: 'rate_card.create' }]);
  });

  it('names every bad field with 400, unknown fields included, and writes nothing', async () => {
    const before = await kit.dataSource.query(`SELECT count(*)::int AS n FROM rate_cards`);
    const response = await create(ownerToken, {
      name: ' ',
      kind: 'retail',
      currency: 'eur',
      timezone: 'Mars/Olympus_Mons',
      description: 'x'.repeat(501),
      colour: 'red',
    });
    expect(response.status).toBe(400);
    expect(fields(response)).toEqual(
      expect.arrayContaining(['name', 'kind', 'currency', 'timezone', 'description']),
    );
    expect(JSON.stringify(response.body.errors)).toContain('colour');
    expect(await kit.dataSource.query(`SELECT count(*)::int AS n FROM rate_cards`)).toEqual(before);
  });

  it('answers 409 naming the name for a duplicate in the same tenant only, and frees it on delete', async () => {
    const first = await create(ownerToken, { name: 'Dup Card', kind: 'buy', currency: 'USD' });
    const duplicate = await create(ownerToken, { name: 'Dup Card', kind: 'sell', currency: 'EUR' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ field: 'name', reason: 'name is already in use' }]);
    const elsewhere = await create(resellerA.token, { name: 'Dup Card', kind: 'sell', currency: 'EUR' });
    expect(elsewhere.status).toBe(201);
    expect((await kit.request('DELETE', `/rate-cards/${first.body.id}`, { token: ownerToken })).status).toBe(
      204,
    );
    expect((await kit.request('GET', `/rate-cards/${first.body.id}`, { token: ownerToken })).status).toBe(
      404,
    );
    expect((await create(ownerToken, { name: 'Dup Card', kind: 'buy', currency: 'USD' })).status).toBe(201);
  });

  it('lists with filters, sorted and paged without overlap', async () => {
    for (const [name, kind, currency] of [
      ['List C', 'sell', 'GBP'],
      ['List A', 'buy', 'GBP'],
      ['List B', 'sell', 'GBP'],
      ['List D', 'sell', 'CHF'],
    ])
      await create(ownerToken, { name, kind, currency });
    const first = await kit.request('GET', '/rate-cards?search=list&currency=GBP&limit=2', {
      token: ownerToken,
    });
    const second = await kit.request(
      'GET',
      `/rate-cards?search=list&currency=GBP&limit=2&cursor=${first.body.nextCursor}`,
      { token: ownerToken },
    );
    expect([...first.body.data, ...second.body.data].map((c: { name: string }) => c.name)).toEqual([
      'List A',
      'List B',
      'List C',
    ]);
    expect(second.body.nextCursor).toBeNull();
    const buy = await kit.request('GET', '/rate-cards?search=LIST&kind=buy', { token: ownerToken });
    expect(buy.body.data.map((c: { name: string }) => c.name)).toEqual(['List A']);
    const descending = await kit.request('GET', '/rate-cards?search=list&order=desc&limit=1', {
      token: ownerToken,
    });
    expect(descending.body.data[0].name).toBe('List D');
    const bad = await kit.request('GET', '/rate-cards?kind=retail&sort=price', { token: ownerToken });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(expect.arrayContaining(['kind', 'sort']));
  });

  it("keeps a reseller's card from its sibling (404, absent from lists) while the owner sees it", async () => {
    const card = (await create(resellerB.token, { name: 'B Private', kind: 'sell', currency: 'EUR' })).body;
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { name: 'Hijacked' }],
      ['DELETE', undefined],
    ] as const) {
      const response = await kit.request(method, `/rate-cards/${card.id}`, { token: resellerA.token, body });
      expect(response.status, method).toBe(404);
    }
    const listA = await kit.request('GET', '/rate-cards?limit=200', { token: resellerA.token });
    expect(listA.body.data.map((c: { id: string }) => c.id)).not.toContain(card.id);
    const ownerView = await kit.request('GET', `/rate-cards/${card.id}`, { token: ownerToken });
    expect(ownerView.body.name).toBe('B Private');
    const forSibling = await create(resellerA.token, {
      name: 'Planted',
      kind: 'sell',
      currency: 'EUR',
      tenantId: resellerB.id,
    });
    expect(forSibling.status).toBe(404);
    const byOwner = await create(ownerToken, {
      name: 'For A',
      kind: 'buy',
      currency: 'EUR',
      tenantId: resellerA.id,
    });
    expect(byOwner.body.tenantId).toBe(resellerA.id);
    expect(
      (await kit.request('GET', `/rate-cards/${byOwner.body.id}`, { token: resellerA.token })).status,
    ).toBe(200);
  });

  it('updates name, timezone and description, and records what changed', async () => {
    const card = (await create(ownerToken, { name: 'Editable', kind: 'sell', currency: 'EUR' })).body;
    const updated = await kit.request('PATCH', `/rate-cards/${card.id}`, {
      token: ownerToken,
      body: { name: 'Edited', timezone: 'Europe/Madrid', description: 'spring deck', kind: 'buy' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Edited', timezone: 'Europe/Madrid', kind: 'buy' });
    const [entry] = await kit.dataSource.query(
      `SELECT changes FROM audit_log WHERE entity_id = $1 AND action = 'rate_card.update'`,
      [card.id],
    );
    expect(entry.changes).toMatchObject({
      name: { before: 'Editable', after: 'Edited' },
      timezone: { before: 'UTC', after: 'Europe/Madrid' },
    });
  });

  describe('while something rates with the card', () => {
    it('refuses to delete it, or to change its kind or currency, while a vendor uses it', async () => {
      const card = (await create(ownerToken, { name: 'Vendor Buy', kind: 'buy', currency: 'USD' })).body;
      const vendor = await kit.dataSource
        .getRepository(Vendor)
        .save({ tenantId: ownerTenantId, name: 'Carrier X', currency: 'USD', buyRateCardId: card.id });
      const refused = await kit.request('DELETE', `/rate-cards/${card.id}`, { token: ownerToken });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain('1 vendor');
      for (const change of [{ kind: 'sell' }, { currency: 'EUR' }]) {
        const response = await kit.request('PATCH', `/rate-cards/${card.id}`, {
          token: ownerToken,
          body: change,
        });
        expect(response.status).toBe(409);
        expect(fields(response)).toEqual(Object.keys(change));
      }
      const renamed = await kit.request('PATCH', `/rate-cards/${card.id}`, {
        token: ownerToken,
        body: { name: 'Vendor Buy 2', kind: 'buy' },
      });
      expect(renamed.status).toBe(200);
      await kit.dataSource.getRepository(Vendor).softDelete({ id: vendor.id });
      expect((await kit.request('DELETE', `/rate-cards/${card.id}`, { token: ownerToken })).status).toBe(204);
    });

    it('refuses to delete it while a service plan sells with it', async () => {
      const card = (await create(ownerToken, { name: 'Plan Sell', kind: 'sell', currency: 'EUR' })).body;
      const plan = await kit.dataSource
        .getRepository(ServicePlan)
        .save({ tenantId: ownerTenantId, name: 'Basic', currency: 'EUR', sellRateCardId: card.id });
      const refused = await kit.request('DELETE', `/rate-cards/${card.id}`, { token: ownerToken });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain('1 service plan');
      await kit.dataSource.getRepository(ServicePlan).softDelete({ id: plan.id });
      expect((await kit.request('DELETE', `/rate-cards/${card.id}`, { token: ownerToken })).status).toBe(204);
    });

    it("refuses to delete it while it is a reseller's buy terms", async () => {
      const card = (await create(ownerToken, { name: 'Wholesale', kind: 'sell', currency: 'EUR' })).body;
      const terms = await kit.request('PATCH', `/resellers/${resellerA.id}`, {
        token: ownerToken,
        body: { settings: { buyRateCardId: card.id } },
      });
      expect(terms.status).toBe(200);
      const refused = await kit.request('DELETE', `/rate-cards/${card.id}`, { token: ownerToken });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain("reseller's buy terms");
      await kit.request('PATCH', `/resellers/${resellerA.id}`, {
        token: ownerToken,
        body: { settings: { buyRateCardId: null } },
      });
      expect((await kit.request('DELETE', `/rate-cards/${card.id}`, { token: ownerToken })).status).toBe(204);
      const deleted = await kit.dataSource.query(`SELECT deleted_at FROM rate_cards WHERE id = $1`, [
        card.id,
      ]);
      expect(deleted[0].deleted_at).not.toBeNull();
    });
  });

  it('lets a read-only user read but not write, and shows end users no card at all', async () => {
    const { tenant } = await kit.createTenant('Read Only Card Owner');
    const card = await kit.request('POST', '/rate-cards', {
      token: await kit.login((await kit.createUser(tenant, UserRole.Admin, 'card-admin@example.test')).email),
      body: { name: 'Visible', kind: 'sell', currency: 'EUR' },
    });
    const reader = await kit.login(
      (await kit.createUser(tenant, UserRole.ReadOnly, 'card-ro@example.test')).email,
    );
    expect((await kit.request('GET', `/rate-cards/${card.body.id}`, { token: reader })).status).toBe(200);
    expect((await create(reader, { name: 'Nope', kind: 'sell', currency: 'EUR' })).status).toBe(403);
    expect(
      (await kit.request('PATCH', `/rate-cards/${card.body.id}`, { token: reader, body: { name: 'x' } }))
        .status,
    ).toBe(403);
    const account = await kit.dataSource.getRepository(Account).save({
      tenantId: tenant.id,
      code: 'C-1',
      name: 'End Customer',
      billingType: BillingType.Prepaid,
      currency: 'EUR',
    });
    const endUser = await kit.login(
      (await kit.createUser(tenant, UserRole.Admin, 'card-end-user@example.test', account.id)).email,
    );
    expect((await kit.request('GET', '/rate-cards', { token: endUser })).body.data).toEqual([]);
    expect((await kit.request('GET', `/rate-cards/${card.body.id}`, { token: endUser })).status).toBe(404);
  });
});
