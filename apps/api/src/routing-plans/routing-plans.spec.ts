import { ServicePlan, RateCard, RateCardKind, UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

describe('routing plans', () => {
  let kit: ApiTestKit;
  const tokens = { owner: '', a: '', b: '', reader: '' };
  const tenants = { owner: '', a: '', b: '' };

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const owner = await kit.createTenant('Routing Owner');
    const a = await kit.createTenant('Routing Reseller A', owner.tenant);
    const b = await kit.createTenant('Routing Reseller B', owner.tenant);
    tenants.owner = owner.tenant.id;
    tenants.a = a.tenant.id;
    tenants.b = b.tenant.id;
    tokens.owner = await kit.login(owner.user.email);
    tokens.a = await kit.login(a.user.email);
    tokens.b = await kit.login(b.user.email);
    const reader = await kit.createUser(owner.tenant, UserRole.ReadOnly, 'routing-reader@example.test');
    tokens.reader = await kit.login(reader.email);
  });
  afterAll(async () => kit?.close());

  const createPlan = (token: string, body: object) => kit.request('POST', '/routing-plans', { token, body });

  it('creates a plan with defaults, reads it back and lists it', async () => {
    const created = await createPlan(tokens.owner, { name: 'Wholesale LCR', strategy: 'lcr' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      tenantId: tenants.owner,
      name: 'Wholesale LCR',
      strategy: 'lcr',
      marginGuardPercent: null,
      marginGuardAmount: null,
      allowLoss: false,
      maxVendors: 3,
    });
    const read = await kit.request('GET', `/routing-plans/${created.body.id}`, { token: tokens.owner });
    expect(read.body).toEqual(created.body);
  });

  it('keeps margin guards exact as decimal strings', async () => {
    const created = await createPlan(tokens.owner, {
      name: 'Guarded',
      strategy: 'mcr',
      marginGuardPercent: '12.3456',
      marginGuardAmount: '0.00012345',
      allowLoss: true,
      maxVendors: 20,
    });
    expect(created.status).toBe(201);
    const read = await kit.request('GET', `/routing-plans/${created.body.id}`, { token: tokens.owner });
    expect(read.body).toMatchObject({
      marginGuardPercent: '12.3456',
      marginGuardAmount: '0.00012345',
      allowLoss: true,
      maxVendors: 20,
    });
    const row = await kit.dataSource.query('SELECT margin_guard_percent FROM routing_plans WHERE id = $1', [
      created.body.id,
    ]);
    expect(row[0].margin_guard_percent).toBe('12.3456');
    const cleared = await kit.request('PATCH', `/routing-plans/${created.body.id}`, {
      token: tokens.owner,
      body: { marginGuardPercent: '100', marginGuardAmount: null },
    });
    expect(cleared.body).toMatchObject({ marginGuardPercent: '100', marginGuardAmount: null });
  });

  it('answers 400 naming each bad field, unknown fields included', async () => {
    const bad = await createPlan(tokens.owner, {
      name: '',
      strategy: 'cheapest',
      marginGuardPercent: '100.5',
      marginGuardAmount: '-1',
      maxVendors: 21,
      colour: 'red',
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['name', 'strategy', 'marginGuardPercent', 'marginGuardAmount', 'maxVendors']),
    );
    expect(JSON.stringify(bad.body.errors)).toContain('colour');
    for (const body of [
      { marginGuardPercent: '1.23456' },
      { marginGuardPercent: 5 },
      { marginGuardAmount: '0.123456789' },
      { maxVendors: 0 },
      { maxVendors: 2.5 },
    ]) {
      const response = await createPlan(tokens.owner, { name: 'Bad', strategy: 'lcr', ...body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.errors[0].field).toBe(Object.keys(body)[0]);
    }
  });

  it('answers 409 naming the name taken in the same tenant, but not in another', async () => {
    expect((await createPlan(tokens.a, { name: 'Shared Name', strategy: 'lcr' })).status).toBe(201);
    const duplicate = await createPlan(tokens.a, { name: 'Shared Name', strategy: 'priority' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ field: 'name', reason: 'name is already in use' }]);
    expect((await createPlan(tokens.b, { name: 'Shared Name', strategy: 'lcr' })).status).toBe(201);
  });

  it('filters by strategy, search and tenant, sorts and pages', async () => {
    for (const name of ['Page Alpha', 'Page Beta', 'Page Gamma'])
      await createPlan(tokens.owner, { name, strategy: 'weighted' });
    const weighted = await kit.request('GET', '/routing-plans?strategy=weighted&order=desc', {
      token: tokens.owner,
    });
    expect(weighted.body.data.map((p: { name: string }) => p.name)).toEqual([
      'Page Gamma',
      'Page Beta',
      'Page Alpha',
    ]);
    const first = await kit.request('GET', '/routing-plans?search=page%20&limit=2', { token: tokens.owner });
    expect(first.body.data.map((p: { name: string }) => p.name)).toEqual(['Page Alpha', 'Page Beta']);
    const second = await kit.request(
      'GET',
      `/routing-plans?search=PAGE&limit=2&cursor=${first.body.nextCursor}`,
      { token: tokens.owner },
    );
    expect(second.body).toEqual({
      data: [expect.objectContaining({ name: 'Page Gamma' })],
      nextCursor: null,
    });
    const ofB = await kit.request('GET', `/routing-plans?tenantId=${tenants.b}`, { token: tokens.owner });
    expect(ofB.body.data.map((p: { tenantId: string }) => p.tenantId)).toEqual([tenants.b]);
    expect((await kit.request('GET', '/routing-plans?sort=strategy', { token: tokens.owner })).status).toBe(
      400,
    );
  });

  it("hides a reseller's plan from its sibling (404) while the owner sees and edits it", async () => {
    const plan = (await createPlan(tokens.b, { name: 'B Private', strategy: 'lcr' })).body;
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { name: 'stolen' }],
      ['DELETE', undefined],
    ] as const)
      expect((await kit.request(method, `/routing-plans/${plan.id}`, { token: tokens.a, body })).status).toBe(
        404,
      );
    const listOfA = await kit.request('GET', '/routing-plans?limit=200', { token: tokens.a });
    expect(listOfA.body.data.map((p: { id: string }) => p.id)).not.toContain(plan.id);
    const byOwner = await kit.request('PATCH', `/routing-plans/${plan.id}`, {
      token: tokens.owner,
      body: { maxVendors: 5 },
    });
    expect(byOwner.body).toMatchObject({ maxVendors: 5, tenantId: tenants.b });
    const forSibling = await createPlan(tokens.a, { name: 'For B', strategy: 'lcr', tenantId: tenants.b });
    expect(forSibling.status).toBe(404);
  });

  it('lets a read-only user read but not write', async () => {
    expect((await kit.request('GET', '/routing-plans', { token: tokens.reader })).status).toBe(200);
    expect((await createPlan(tokens.reader, { name: 'Nope', strategy: 'lcr' })).status).toBe(403);
  });

  it('refuses to delete a plan a service plan uses (409), then deletes it once freed, with audit rows', async () => {
    const plan = (await createPlan(tokens.owner, { name: 'In Use', strategy: 'priority' })).body;
    const card = await kit.dataSource
      .getRepository(RateCard)
      .save({ tenantId: tenants.owner, name: 'Retail', kind: RateCardKind.Sell, currency: 'EUR' });
    const servicePlans = kit.dataSource.getRepository(ServicePlan);
    const servicePlan = await servicePlans.save({
      tenantId: tenants.owner,
      name: 'Uses routing',
      sellRateCardId: card.id,
      routingPlanId: plan.id,
      currency: 'EUR',
    });
    const refused = await kit.request('DELETE', `/routing-plans/${plan.id}`, { token: tokens.owner });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('service plan');
    await servicePlans.softDelete({ id: servicePlan.id });
    expect((await kit.request('DELETE', `/routing-plans/${plan.id}`, { token: tokens.owner })).status).toBe(
      204,
    );
    expect((await kit.request('GET', `/routing-plans/${plan.id}`, { token: tokens.owner })).status).toBe(404);
    const audit = await kit.dataSource.query(
      'SELECT action, tenant_id FROM audit_log WHERE entity_id = $1 ORDER BY created_at',
      [plan.id],
    );
    expect(audit).toEqual([
      { action: 'routing_plan.create', tenant_id: tenants.owner },
      { action: 'routing_plan.delete', tenant_id: tenants.owner },
    ]);
    expect((await createPlan(tokens.owner, { name: 'In Use', strategy: 'lcr' })).status).toBe(201);
  });

  it('audits an update with the changed fields only', async () => {
    const plan = (await createPlan(tokens.owner, { name: 'Audited', strategy: 'lcr' })).body;
    await kit.request('PATCH', `/routing-plans/${plan.id}`, {
      token: tokens.owner,
      body: { strategy: 'mcr', marginGuardPercent: '5' },
    });
    const [entry] = await kit.dataSource.query(
      `SELECT changes FROM audit_log WHERE entity_id = $1 AND action = 'routing_plan.update'`,
      [plan.id],
    );
    expect(entry.changes).toEqual({
      strategy: { before: 'lcr', after: 'mcr' },
      marginGuardPercent: { before: null, after: '5' },
    });
  });
});
