import {
  Account,
  BillingType,
  RateCard,
  RateCardKind,
  RoutingPlan,
  RoutingStrategy,
  ServiceKind,
  ServiceTemplate,
  UserRole,
} from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

describe('service plans', () => {
  let kit: ApiTestKit;
  const tokens = { owner: '', a: '', b: '', reader: '' };
  const tenants = { owner: '', a: '', b: '' };
  let counter = 0;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const owner = await kit.createTenant('Plans Owner');
    const a = await kit.createTenant('Plans Reseller A', owner.tenant);
    const b = await kit.createTenant('Plans Reseller B', owner.tenant);
    tenants.owner = owner.tenant.id;
    tenants.a = a.tenant.id;
    tenants.b = b.tenant.id;
    tokens.owner = await kit.login(owner.user.email);
    tokens.a = await kit.login(a.user.email);
    tokens.b = await kit.login(b.user.email);
    const reader = await kit.createUser(owner.tenant, UserRole.ReadOnly, 'plans-reader@example.test');
    tokens.reader = await kit.login(reader.email);
  });
  afterAll(async () => kit?.close());

  const rateCard = (tenantId: string, kind = RateCardKind.Sell, currency = 'EUR') =>
    kit.dataSource.getRepository(RateCard).save({ tenantId, name: `Card ${++counter}`, kind, currency });
  const routingPlan = (tenantId: string) =>
    kit.dataSource
      .getRepository(RoutingPlan)
      .save({ tenantId, name: `Routing ${++counter}`, strategy: RoutingStrategy.Lcr });
  const createPlan = (token: string, body: object) => kit.request('POST', '/service-plans', { token, body });

  it('creates a plan with defaults and the currency of its sell card, and reads it back', async () => {
    const card = await rateCard(tenants.owner, RateCardKind.Sell, 'GBP');
    const routing = await routingPlan(tenants.owner);
    const created = await createPlan(tokens.owner, {
      name: 'Residential',
      sellRateCardId: card.id,
      routingPlanId: routing.id,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      tenantId: tenants.owner,
      name: 'Residential',
      description: null,
      sellRateCardId: card.id,
      routingPlanId: routing.id,
      recurringFee: '0',
      recurringPeriod: 'monthly',
      includedMinutes: 0,
      maxChannels: null,
      currency: 'GBP',
      active: true,
    });
    expect(
      (await kit.request('GET', `/service-plans/${created.body.id}`, { token: tokens.owner })).body,
    ).toEqual(created.body);
  });

  it('keeps the recurring fee exact and updates every field', async () => {
    const card = await rateCard(tenants.owner);
    const created = await createPlan(tokens.owner, {
      name: 'Business',
      description: 'for offices',
      sellRateCardId: card.id,
      recurringFee: '19.999999',
      recurringPeriod: 'weekly',
      includedMinutes: 500,
      maxChannels: 10,
      currency: 'EUR',
      active: false,
    });
    expect(created.body).toMatchObject({
      recurringFee: '19.999999',
      recurringPeriod: 'weekly',
      maxChannels: 10,
    });
    const updated = await kit.request('PATCH', `/service-plans/${created.body.id}`, {
      token: tokens.owner,
      body: {
        recurringFee: '0.5',
        recurringPeriod: 'daily',
        includedMinutes: 0,
        maxChannels: null,
        active: true,
      },
    });
    expect(updated.body).toMatchObject({
      recurringFee: '0.5',
      recurringPeriod: 'daily',
      includedMinutes: 0,
      maxChannels: null,
      active: true,
    });
    const [row] = await kit.dataSource.query('SELECT recurring_fee FROM service_plans WHERE id = $1', [
      created.body.id,
    ]);
    expect(row.recurring_fee).toBe('0.500000');
  });

  it('answers 400 naming each bad field, unknown ones included', async () => {
    const bad = await createPlan(tokens.owner, {
      name: ' ',
      sellRateCardId: 'nope',
      routingPlanId: 'nope',
      recurringFee: '-1',
      recurringPeriod: 'yearly',
      includedMinutes: -1,
      maxChannels: 1.5,
      currency: 'eur',
      active: 'yes',
      colour: 'red',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining([
        'name',
        'sellRateCardId',
        'routingPlanId',
        'recurringFee',
        'recurringPeriod',
        'includedMinutes',
        'maxChannels',
        'currency',
        'active',
      ]),
    );
    expect(JSON.stringify(bad.body.errors)).toContain('colour');
    const card = await rateCard(tenants.owner);
    for (const recurringFee of ['-0.01', 12.5, '1.1234567']) {
      const response = await createPlan(tokens.owner, { name: 'Fee', sellRateCardId: card.id, recurringFee });
      expect(response.status, String(recurringFee)).toBe(400);
      expect(response.body.errors[0].field).toBe('recurringFee');
    }
  });

  it('refuses a buy card or a card in another currency (400 naming sellRateCardId)', async () => {
    const buy = await rateCard(tenants.owner, RateCardKind.Buy);
    const asBuy = await createPlan(tokens.owner, { name: 'Buy', sellRateCardId: buy.id });
    expect(asBuy.status).toBe(400);
    expect(asBuy.body.errors[0].field).toBe('sellRateCardId');
    const usd = await rateCard(tenants.owner, RateCardKind.Sell, 'USD');
    const mismatch = await createPlan(tokens.owner, {
      name: 'Mismatch',
      sellRateCardId: usd.id,
      currency: 'EUR',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0].field).toBe('sellRateCardId');
    const eur = await rateCard(tenants.owner);
    const plan = (await createPlan(tokens.owner, { name: 'Switch', sellRateCardId: eur.id })).body;
    const toUsd = await kit.request('PATCH', `/service-plans/${plan.id}`, {
      token: tokens.owner,
      body: { currency: 'USD' },
    });
    expect(toUsd.status).toBe(400);
    expect(toUsd.body.errors[0].field).toBe('currency');
    const both = await kit.request('PATCH', `/service-plans/${plan.id}`, {
      token: tokens.owner,
      body: { currency: 'USD', sellRateCardId: usd.id },
    });
    expect(both.body).toMatchObject({ currency: 'USD', sellRateCardId: usd.id });
    const toBuy = await kit.request('PATCH', `/service-plans/${plan.id}`, {
      token: tokens.owner,
      body: { sellRateCardId: buy.id },
    });
    expect(toBuy.status).toBe(400);
    expect(toBuy.body.errors[0].field).toBe('sellRateCardId');
  });

  it("answers 404 for a sibling reseller's rate card or routing plan, and 400 for one of another tenant in scope", async () => {
    const ownCard = await rateCard(tenants.a);
    const siblingCard = await rateCard(tenants.b);
    const siblingRouting = await routingPlan(tenants.b);
    const foreignCard = await createPlan(tokens.a, { name: 'Foreign card', sellRateCardId: siblingCard.id });
    expect(foreignCard.status).toBe(404);
    expect(foreignCard.body.message).toBe('rate card not found');
    const foreignRouting = await createPlan(tokens.a, {
      name: 'Foreign routing',
      sellRateCardId: ownCard.id,
      routingPlanId: siblingRouting.id,
    });
    expect(foreignRouting.status).toBe(404);
    expect(foreignRouting.body.message).toBe('routing plan not found');
    const deletedCard = await rateCard(tenants.a);
    await kit.dataSource.getRepository(RateCard).softDelete({ id: deletedCard.id });
    expect(
      (await createPlan(tokens.a, { name: 'Deleted card', sellRateCardId: deletedCard.id })).status,
    ).toBe(404);
    // The owner sees both, but a plan of A must not use B's card or routing, nor the owner's.
    const crossed = await createPlan(tokens.owner, {
      name: 'Crossed',
      sellRateCardId: siblingCard.id,
      tenantId: tenants.a,
    });
    expect(crossed.status).toBe(400);
    expect(crossed.body.errors[0].field).toBe('sellRateCardId');
    const ownersRouting = await routingPlan(tenants.owner);
    const crossedRouting = await createPlan(tokens.owner, {
      name: 'Crossed routing',
      sellRateCardId: ownCard.id,
      routingPlanId: ownersRouting.id,
      tenantId: tenants.a,
    });
    expect(crossedRouting.status).toBe(400);
    expect(crossedRouting.body.errors[0].field).toBe('routingPlanId');
    const forA = await createPlan(tokens.owner, {
      name: 'For A',
      sellRateCardId: ownCard.id,
      tenantId: tenants.a,
    });
    expect(forA.body.tenantId).toBe(tenants.a);
    const patched = await kit.request('PATCH', `/service-plans/${forA.body.id}`, {
      token: tokens.a,
      body: { routingPlanId: siblingRouting.id },
    });
    expect(patched.status).toBe(404);
  });

  it('answers 409 naming the name taken in the same tenant only', async () => {
    const card = await rateCard(tenants.a);
    expect((await createPlan(tokens.a, { name: 'Duplicate', sellRateCardId: card.id })).status).toBe(201);
    const duplicate = await createPlan(tokens.a, { name: 'Duplicate', sellRateCardId: card.id });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ field: 'name', reason: 'name is already in use' }]);
    const cardOfB = await rateCard(tenants.b);
    expect((await createPlan(tokens.b, { name: 'Duplicate', sellRateCardId: cardOfB.id })).status).toBe(201);
  });

  it('filters by active, currency, search and tenant, sorts and pages; hides a sibling', async () => {
    const eur = await rateCard(tenants.b);
    const usd = await rateCard(tenants.b, RateCardKind.Sell, 'USD');
    await createPlan(tokens.b, { name: 'Filter One', sellRateCardId: eur.id });
    await createPlan(tokens.b, { name: 'Filter Two', sellRateCardId: usd.id });
    await createPlan(tokens.b, { name: 'Filter Three', sellRateCardId: eur.id, active: false });
    const names = async (query: string, token = tokens.b) =>
      (await kit.request('GET', `/service-plans?${query}`, { token })).body.data.map(
        (p: { name: string }) => p.name,
      );
    expect(await names('search=filter&active=true')).toEqual(['Filter One', 'Filter Two']);
    expect(await names('search=FILTER&currency=USD')).toEqual(['Filter Two']);
    expect(await names('search=filter&sort=createdAt&order=desc')).toEqual([
      'Filter Three',
      'Filter Two',
      'Filter One',
    ]);
    const page = await kit.request('GET', '/service-plans?search=filter&limit=2', { token: tokens.b });
    expect(page.body.data).toHaveLength(2);
    const next = await kit.request(
      'GET',
      `/service-plans?search=filter&limit=2&cursor=${page.body.nextCursor}`,
      {
        token: tokens.b,
      },
    );
    expect(next.body.data.map((p: { name: string }) => p.name)).toEqual(['Filter Two']);
    expect(await names('search=filter', tokens.a)).toEqual([]);
    expect(await names(`search=filter&tenantId=${tenants.b}`, tokens.owner)).toHaveLength(3);
    const id = page.body.data[0].id;
    expect((await kit.request('GET', `/service-plans/${id}`, { token: tokens.a })).status).toBe(404);
    expect((await kit.request('PATCH', `/service-plans/${id}`, { token: tokens.a, body: {} })).status).toBe(
      404,
    );
    expect((await kit.request('DELETE', `/service-plans/${id}`, { token: tokens.a })).status).toBe(404);
    expect((await kit.request('GET', '/service-plans?currency=euro', { token: tokens.b })).status).toBe(400);
  });

  it('lets a read-only user read but not write', async () => {
    const card = await rateCard(tenants.owner);
    expect((await kit.request('GET', '/service-plans', { token: tokens.reader })).status).toBe(200);
    expect((await createPlan(tokens.reader, { name: 'Nope', sellRateCardId: card.id })).status).toBe(403);
  });

  it('refuses deletion while an account or a template uses the plan, and audits the life of a plan', async () => {
    const card = await rateCard(tenants.owner);
    const plan = (await createPlan(tokens.owner, { name: 'Busy', sellRateCardId: card.id })).body;
    const accounts = kit.dataSource.getRepository(Account);
    const account = await accounts.save({
      tenantId: tenants.owner,
      code: `ACC-${++counter}`,
      name: 'On the plan',
      billingType: BillingType.Prepaid,
      currency: 'EUR',
      servicePlanId: plan.id,
    });
    const byAccount = await kit.request('DELETE', `/service-plans/${plan.id}`, { token: tokens.owner });
    expect(byAccount.status).toBe(409);
    expect(byAccount.body.message).toContain('account');
    const changeCurrency = await kit.request('PATCH', `/service-plans/${plan.id}`, {
      token: tokens.owner,
      body: { currency: 'USD', sellRateCardId: (await rateCard(tenants.owner, RateCardKind.Sell, 'USD')).id },
    });
    expect(changeCurrency.status).toBe(409);
    expect(changeCurrency.body.errors[0].field).toBe('currency');
    await accounts.softDelete({ id: account.id });
    const templates = kit.dataSource.getRepository(ServiceTemplate);
    const template = await templates.save({
      tenantId: tenants.owner,
      name: `Template ${++counter}`,
      kind: ServiceKind.SubscriberLine,
      servicePlanId: plan.id,
    });
    const byTemplate = await kit.request('DELETE', `/service-plans/${plan.id}`, { token: tokens.owner });
    expect(byTemplate.status).toBe(409);
    expect(byTemplate.body.message).toContain('template');
    await templates.update({ id: template.id }, { servicePlanId: null });
    await kit.request('PATCH', `/service-plans/${plan.id}`, { token: tokens.owner, body: { name: 'Idle' } });
    expect((await kit.request('DELETE', `/service-plans/${plan.id}`, { token: tokens.owner })).status).toBe(
      204,
    );
    expect((await kit.request('GET', `/service-plans/${plan.id}`, { token: tokens.owner })).status).toBe(404);
    const audit = await kit.dataSource.query(
      'SELECT action, changes FROM audit_log WHERE entity_id = $1 ORDER BY created_at',
      [plan.id],
    );
    expect(audit.map((entry: { action: string }) => entry.action)).toEqual([
      'service_plan.create',
      'service_plan.update',
      'service_plan.delete',
    ]);
    expect(audit[1].changes).toEqual({ name: { before: 'Busy', after: 'Idle' } });
    expect((await createPlan(tokens.owner, { name: 'Busy', sellRateCardId: card.id })).status).toBe(201);
  });
});
