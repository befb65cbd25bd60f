import {
  Account,
  BillingType,
  RateCard,
  RateCardKind,
  Service,
  ServiceKind,
  ServicePlan,
  UserRole,
} from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

describe('service templates', () => {
  let kit: ApiTestKit;
  const tokens = { owner: '', a: '', b: '', reader: '' };
  const tenants = { owner: '', a: '', b: '' };
  let counter = 0;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const owner = await kit.createTenant('Templates Owner');
    const a = await kit.createTenant('Templates Reseller A', owner.tenant);
    const b = await kit.createTenant('Templates Reseller B', owner.tenant);
    tenants.owner = owner.tenant.id;
    tenants.a = a.tenant.id;
    tenants.b = b.tenant.id;
    tokens.owner = await kit.login(owner.user.email);
    tokens.a = await kit.login(a.user.email);
    tokens.b = await kit.login(b.user.email);
    const reader = await kit.createUser(owner.tenant, UserRole.ReadOnly, 'templates-reader@example.test');
    tokens.reader = await kit.login(reader.email);
  });
  afterAll(async () => kit?.close());

  const servicePlan = async (tenantId: string, active = true) => {
    const card = await kit.dataSource
      .getRepository(RateCard)
      .save({ tenantId, name: `Card ${++counter}`, kind: RateCardKind.Sell, currency: 'EUR' });
    return kit.dataSource
      .getRepository(ServicePlan)
      .save({ tenantId, name: `Plan ${++counter}`, sellRateCardId: card.id, currency: 'EUR', active });
  };
  const createTemplate = (token: string, body: object) =>
    kit.request('POST', '/service-templates', { token, body });

  it('creates, reads, updates and deletes a template', async () => {
    const plan = await servicePlan(tenants.owner);
    const created = await createTemplate(tokens.owner, {
      name: 'Wholesale trunk',
      kind: 'sip_trunk',
      description: '30 channels',
      maxChannels: 30,
      servicePlanId: plan.id,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      tenantId: tenants.owner,
      name: 'Wholesale trunk',
      kind: 'sip_trunk',
      description: '30 channels',
      maxChannels: 30,
      servicePlanId: plan.id,
      active: true,
    });
    const path = `/service-templates/${created.body.id}`;
    expect((await kit.request('GET', path, { token: tokens.owner })).body).toEqual(created.body);
    const updated = await kit.request('PATCH', path, {
      token: tokens.owner,
      body: { kind: 'hosted_pbx', maxChannels: null, servicePlanId: null, active: false },
    });
    expect(updated.body).toMatchObject({
      kind: 'hosted_pbx',
      maxChannels: null,
      servicePlanId: null,
      active: false,
    });
    expect((await kit.request('DELETE', path, { token: tokens.owner })).status).toBe(204);
    expect((await kit.request('GET', path, { token: tokens.owner })).status).toBe(404);
    const audit = await kit.dataSource.query(
      'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY created_at',
      [created.body.id],
    );
    expect(audit.map((e: { action: string }) => e.action)).toEqual([
      'service_template.create',
      'service_template.update',
      'service_template.delete',
    ]);
  });

  it('answers 400 naming each bad field and 409 naming a duplicate name', async () => {
    const bad = await createTemplate(tokens.owner, {
      name: '',
      kind: 'fax',
      maxChannels: -1,
      servicePlanId: 'x',
      active: 1,
      price: '1',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['name', 'kind', 'maxChannels', 'servicePlanId', 'active']),
    );
    expect(JSON.stringify(bad.body.errors)).toContain('price');
    expect((await createTemplate(tokens.a, { name: 'Line', kind: 'subscriber_line' })).status).toBe(201);
    const duplicate = await createTemplate(tokens.a, { name: 'Line', kind: 'hosted_pbx' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ field: 'name', reason: 'name is already in use' }]);
    expect((await createTemplate(tokens.b, { name: 'Line', kind: 'subscriber_line' })).status).toBe(201);
  });

  it("answers 404 for a sibling's service plan, 400 for an inactive one or one of another tenant", async () => {
    const ofSibling = await servicePlan(tenants.b);
    const foreign = await createTemplate(tokens.a, {
      name: 'Foreign',
      kind: 'sip_trunk',
      servicePlanId: ofSibling.id,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toBe('service plan not found');
    const inactive = await servicePlan(tenants.a, false);
    const refused = await createTemplate(tokens.a, {
      name: 'Inactive',
      kind: 'sip_trunk',
      servicePlanId: inactive.id,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('servicePlanId');
    const crossed = await createTemplate(tokens.owner, {
      name: 'Crossed',
      kind: 'sip_trunk',
      servicePlanId: ofSibling.id,
      tenantId: tenants.a,
    });
    expect(crossed.status).toBe(400);
    expect(crossed.body.errors[0].field).toBe('servicePlanId');
    const template = (await createTemplate(tokens.a, { name: 'Patched', kind: 'sip_trunk' })).body;
    const patched = await kit.request('PATCH', `/service-templates/${template.id}`, {
      token: tokens.a,
      body: { servicePlanId: ofSibling.id },
    });
    expect(patched.status).toBe(404);
  });

  it('filters by kind, active and search; a sibling sees nothing, the owner everything', async () => {
    const made = [];
    for (const [name, kind, active] of [
      ['Find Trunk', 'sip_trunk', true],
      ['Find PBX', 'hosted_pbx', true],
      ['Find Old Trunk', 'sip_trunk', false],
    ] as const)
      made.push((await createTemplate(tokens.b, { name, kind, active })).body);
    const names = async (query: string, token = tokens.b) =>
      (await kit.request('GET', `/service-templates?${query}`, { token })).body.data.map(
        (t: { name: string }) => t.name,
      );
    expect(await names('search=find&kind=sip_trunk')).toEqual(['Find Old Trunk', 'Find Trunk']);
    expect(await names('search=find&active=false')).toEqual(['Find Old Trunk']);
    expect(await names('search=find&limit=1&order=desc')).toEqual(['Find Trunk']);
    expect(await names('search=find', tokens.a)).toEqual([]);
    expect(await names(`search=find&tenantId=${tenants.b}`, tokens.owner)).toHaveLength(3);
    for (const method of ['GET', 'PATCH', 'DELETE'] as const)
      expect(
        (
          await kit.request(method, `/service-templates/${made[0].id}`, {
            token: tokens.a,
            body: method === 'PATCH' ? { active: false } : undefined,
          })
        ).status,
      ).toBe(404);
  });

  it('lets a read-only user read but not write', async () => {
    expect((await kit.request('GET', '/service-templates', { token: tokens.reader })).status).toBe(200);
    expect((await createTemplate(tokens.reader, { name: 'Nope', kind: 'sip_trunk' })).status).toBe(403);
  });

  it('refuses to delete a template services were created from (409)', async () => {
    const template = (await createTemplate(tokens.owner, { name: 'Used', kind: 'subscriber_line' })).body;
    const account = await kit.dataSource.getRepository(Account).save({
      tenantId: tenants.owner,
      code: `T-${++counter}`,
      name: 'Customer',
      billingType: BillingType.Postpaid,
      currency: 'EUR',
    });
    await kit.dataSource.getRepository(Service).save({
      tenantId: tenants.owner,
      accountId: account.id,
      templateId: template.id,
      kind: ServiceKind.SubscriberLine,
      name: 'Line 1',
    });
    const refused = await kit.request('DELETE', `/service-templates/${template.id}`, { token: tokens.owner });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('deactivate');
    expect(
      (await kit.request('GET', `/service-templates/${template.id}`, { token: tokens.owner })).status,
    ).toBe(200);
  });
});
