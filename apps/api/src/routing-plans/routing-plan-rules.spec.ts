import Decimal from 'decimal.js';
import { UserRole, Vendor } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

describe('routing plan prefix rules, vendor assignments and resolution', () => {
  let kit: ApiTestKit;
  const tokens = { owner: '', a: '', b: '', reader: '' };
  const tenants = { owner: '', a: '', b: '' };

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const owner = await kit.createTenant('Rules Owner');
    const a = await kit.createTenant('Rules Reseller A', owner.tenant);
    const b = await kit.createTenant('Rules Reseller B', owner.tenant);
    tenants.owner = owner.tenant.id;
    tenants.a = a.tenant.id;
    tenants.b = b.tenant.id;
    tokens.owner = await kit.login(owner.user.email);
    tokens.a = await kit.login(a.user.email);
    tokens.b = await kit.login(b.user.email);
    const reader = await kit.createUser(owner.tenant, UserRole.ReadOnly, 'rules-reader@example.test');
    tokens.reader = await kit.login(reader.email);
  });
  afterAll(async () => kit?.close());

  let vendorCount = 0;
  const vendor = (tenantId: string, values: Partial<Vendor> = {}) =>
    kit.dataSource
      .getRepository(Vendor)
      .save({ tenantId, name: `Carrier ${++vendorCount}`, currency: 'EUR', ...values });
  const plan = async (token: string, body: object = {}) =>
    (
      await kit.request('POST', '/routing-plans', {
        token,
        body: { name: `Plan ${++vendorCount}`, strategy: 'lcr', ...body },
      })
    ).body as { id: string; tenantId: string };
  const addRule = (token: string, planId: string, body: object) =>
    kit.request('POST', `/routing-plans/${planId}/prefixes`, { token, body });
  const assign = (token: string, planId: string, body: object) =>
    kit.request('POST', `/routing-plans/${planId}/vendors`, { token, body });
  const resolve = (token: string, planId: string, destination: string) =>
    kit.request('GET', `/routing-plans/${planId}/resolved?destination=${destination}`, { token });

  describe('prefix rules', () => {
    it('creates, reads, lists, updates and deletes a rule', async () => {
      const { id } = await plan(tokens.owner);
      const created = await addRule(tokens.owner, id, { prefix: '44', strategy: 'priority' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        routingPlanId: id,
        tenantId: tenants.owner,
        prefix: '44',
        strategy: 'priority',
        blocked: false,
      });
      await addRule(tokens.owner, id, { prefix: '4420', blocked: true });
      await addRule(tokens.owner, id, { prefix: '33' });
      const rule = `/routing-plans/${id}/prefixes/${created.body.id}`;
      expect((await kit.request('GET', rule, { token: tokens.owner })).body).toEqual(created.body);
      const list = await kit.request('GET', `/routing-plans/${id}/prefixes`, { token: tokens.owner });
      expect(list.body.data.map((r: { prefix: string }) => r.prefix)).toEqual(['33', '44', '4420']);
      const under44 = await kit.request('GET', `/routing-plans/${id}/prefixes?startsWith=44&blocked=true`, {
        token: tokens.owner,
      });
      expect(under44.body.data.map((r: { prefix: string }) => r.prefix)).toEqual(['4420']);
      const updated = await kit.request('PATCH', rule, {
        token: tokens.owner,
        body: { strategy: null, blocked: true },
      });
      expect(updated.body).toMatchObject({ prefix: '44', strategy: null, blocked: true });
      expect((await kit.request('DELETE', rule, { token: tokens.owner })).status).toBe(204);
      expect((await kit.request('GET', rule, { token: tokens.owner })).status).toBe(404);
    });

    it('answers 400 for a bad prefix or strategy, and 409 naming prefix for a duplicate', async () => {
      const { id } = await plan(tokens.owner);
      for (const prefix of ['', '+44', '44a', '1234567890123456', 44]) {
        const response = await addRule(tokens.owner, id, { prefix });
        expect(response.status, String(prefix)).toBe(400);
        expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['prefix']);
      }
      const unknown = await addRule(tokens.owner, id, { prefix: '1', strategy: 'fastest', note: 'x' });
      expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['strategy']),
      );
      expect(JSON.stringify(unknown.body.errors)).toContain('note');
      expect((await addRule(tokens.owner, id, { prefix: '49' })).status).toBe(201);
      const duplicate = await addRule(tokens.owner, id, { prefix: '49', blocked: true });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.errors).toEqual([{ field: 'prefix', reason: 'prefix is already in use' }]);
      const other = await plan(tokens.owner);
      expect((await addRule(tokens.owner, other.id, { prefix: '49' })).status).toBe(201);
    });

    it('renaming a rule moves its vendor assignments; a taken prefix is 409; deleting removes them', async () => {
      const { id } = await plan(tokens.owner);
      const carrier = await vendor(tenants.owner);
      const rule = (await addRule(tokens.owner, id, { prefix: '351' })).body;
      await addRule(tokens.owner, id, { prefix: '352' });
      const assignment = (await assign(tokens.owner, id, { prefix: '351', vendorId: carrier.id })).body;
      const taken = await kit.request('PATCH', `/routing-plans/${id}/prefixes/${rule.id}`, {
        token: tokens.owner,
        body: { prefix: '352' },
      });
      expect(taken.status).toBe(409);
      expect(taken.body.errors[0].field).toBe('prefix');
      const moved = await kit.request('PATCH', `/routing-plans/${id}/prefixes/${rule.id}`, {
        token: tokens.owner,
        body: { prefix: '3519' },
      });
      expect(moved.body.prefix).toBe('3519');
      const assignments = await kit.request('GET', `/routing-plans/${id}/vendors?prefix=3519`, {
        token: tokens.owner,
      });
      expect(assignments.body.data.map((a: { id: string }) => a.id)).toEqual([assignment.id]);
      expect(
        (await kit.request('DELETE', `/routing-plans/${id}/prefixes/${rule.id}`, { token: tokens.owner }))
          .status,
      ).toBe(204);
      expect(
        (await kit.request('GET', `/routing-plans/${id}/vendors/${assignment.id}`, { token: tokens.owner }))
          .status,
      ).toBe(404);
      const audit = await kit.dataSource.query(
        'SELECT action, changes FROM audit_log WHERE entity_id = $1 ORDER BY created_at',
        [assignment.id],
      );
      expect(audit.map((entry: { action: string }) => entry.action)).toEqual([
        'routing_plan_vendor.create',
        'routing_plan_vendor.update',
        'routing_plan_vendor.delete',
      ]);
      expect(audit[1].changes.prefix).toEqual({ before: '351', after: '3519' });
    });

    it("a rule is not found under another plan, nor under a sibling reseller's plan", async () => {
      const first = await plan(tokens.owner);
      const second = await plan(tokens.owner);
      const rule = (await addRule(tokens.owner, first.id, { prefix: '7' })).body;
      expect(
        (await kit.request('GET', `/routing-plans/${second.id}/prefixes/${rule.id}`, { token: tokens.owner }))
          .status,
      ).toBe(404);
      expect(
        (
          await kit.request('PATCH', `/routing-plans/${second.id}/prefixes/${rule.id}`, {
            token: tokens.owner,
            body: { blocked: true },
          })
        ).status,
      ).toBe(404);
      const ofB = await plan(tokens.b);
      const ruleOfB = (await addRule(tokens.b, ofB.id, { prefix: '8' })).body;
      // The plan check comes first, so even an invalid body answers 404 for a foreign plan.
      expect((await addRule(tokens.a, ofB.id, {})).status).toBe(404);
      expect(
        (await kit.request('GET', `/routing-plans/${ofB.id}/prefixes`, { token: tokens.a })).status,
      ).toBe(404);
      expect(
        (await kit.request('DELETE', `/routing-plans/${ofB.id}/prefixes/${ruleOfB.id}`, { token: tokens.a }))
          .status,
      ).toBe(404);
      expect(
        (await kit.request('GET', `/routing-plans/${ofB.id}/prefixes`, { token: tokens.owner })).body.data,
      ).toHaveLength(1);
    });

    it('lets a read-only user list rules but not add them', async () => {
      const { id } = await plan(tokens.owner);
      expect(
        (await kit.request('GET', `/routing-plans/${id}/prefixes`, { token: tokens.reader })).status,
      ).toBe(200);
      expect((await addRule(tokens.reader, id, { prefix: '1' })).status).toBe(403);
    });
  });

  describe('vendor assignments', () => {
    it('assigns vendors to the default and to a rule, lists with ?prefix=, updates and deletes', async () => {
      const { id } = await plan(tokens.owner);
      const [first, second] = [await vendor(tenants.owner), await vendor(tenants.owner)];
      await addRule(tokens.owner, id, { prefix: '44' });
      const byDefault = await assign(tokens.owner, id, { vendorId: first.id });
      expect(byDefault.status).toBe(201);
      expect(byDefault.body).toMatchObject({
        routingPlanId: id,
        tenantId: tenants.owner,
        prefix: '',
        vendorId: first.id,
        priority: null,
        weight: null,
      });
      const forUk = await assign(tokens.owner, id, {
        prefix: '44',
        vendorId: second.id,
        priority: 2,
        weight: 30,
      });
      expect(forUk.body).toMatchObject({ prefix: '44', priority: 2, weight: 30 });
      const defaults = await kit.request('GET', `/routing-plans/${id}/vendors?prefix=`, {
        token: tokens.owner,
      });
      expect(defaults.body.data.map((a: { id: string }) => a.id)).toEqual([byDefault.body.id]);
      const all = await kit.request('GET', `/routing-plans/${id}/vendors`, { token: tokens.owner });
      expect(all.body.data.map((a: { prefix: string }) => a.prefix)).toEqual(['', '44']);
      const path = `/routing-plans/${id}/vendors/${forUk.body.id}`;
      const updated = await kit.request('PATCH', path, {
        token: tokens.owner,
        body: { priority: null, weight: 0 },
      });
      expect(updated.body).toMatchObject({ priority: null, weight: 0, prefix: '44' });
      expect(
        (await kit.request('PATCH', path, { token: tokens.owner, body: { vendorId: first.id } })).status,
      ).toBe(400);
      expect((await kit.request('DELETE', path, { token: tokens.owner })).status).toBe(204);
      expect((await kit.request('GET', path, { token: tokens.owner })).status).toBe(404);
    });

    it('answers 400 for a prefix without a rule, 404 for a vendor out of scope, 409 for a duplicate', async () => {
      const { id } = await plan(tokens.a);
      const own = await vendor(tenants.a);
      const noRule = await assign(tokens.a, id, { prefix: '44', vendorId: own.id });
      expect(noRule.status).toBe(400);
      expect(noRule.body.errors[0].field).toBe('prefix');
      const ofSibling = await vendor(tenants.b);
      const foreign = await assign(tokens.a, id, { vendorId: ofSibling.id });
      expect(foreign.status).toBe(404);
      expect(foreign.body.message).toBe('vendor not found');
      const deleted = await vendor(tenants.a);
      await kit.dataSource.getRepository(Vendor).softDelete({ id: deleted.id });
      expect((await assign(tokens.a, id, { vendorId: deleted.id })).status).toBe(404);
      expect((await assign(tokens.a, id, { vendorId: own.id })).status).toBe(201);
      const duplicate = await assign(tokens.a, id, { vendorId: own.id, priority: 1 });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.errors).toEqual([{ field: 'vendorId', reason: 'vendorId is already in use' }]);
      const bad = await assign(tokens.a, id, { vendorId: 'x', priority: -1, weight: 1.5, extra: true });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['vendorId', 'priority', 'weight']),
      );
    });

    it("refuses a vendor of another tenant than the plan's, even one the owner can see", async () => {
      const ofA = await plan(tokens.owner, { tenantId: tenants.a });
      const ownersVendor = await vendor(tenants.owner);
      const response = await assign(tokens.owner, ofA.id, { vendorId: ownersVendor.id });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('vendorId');
      const vendorOfA = await vendor(tenants.a);
      expect((await assign(tokens.owner, ofA.id, { vendorId: vendorOfA.id })).body.tenantId).toBe(tenants.a);
    });

    it("hides assignments of a sibling's plan (404) and of another plan", async () => {
      const ofB = await plan(tokens.b);
      const carrier = await vendor(tenants.b);
      const assignment = (await assign(tokens.b, ofB.id, { vendorId: carrier.id })).body;
      const path = `/routing-plans/${ofB.id}/vendors/${assignment.id}`;
      expect((await kit.request('GET', path, { token: tokens.a })).status).toBe(404);
      expect((await kit.request('PATCH', path, { token: tokens.a, body: { priority: 1 } })).status).toBe(404);
      expect((await kit.request('DELETE', path, { token: tokens.a })).status).toBe(404);
      expect((await assign(tokens.a, ofB.id, {})).status).toBe(404);
      const otherOfB = await plan(tokens.b);
      expect(
        (
          await kit.request('GET', `/routing-plans/${otherOfB.id}/vendors/${assignment.id}`, {
            token: tokens.b,
          })
        ).status,
      ).toBe(404);
      expect((await kit.request('GET', path, { token: tokens.owner })).status).toBe(200);
    });
  });

  describe('resolved routing', () => {
    it('picks the longest matching prefix rule, its strategy and vendors with effective priority and weight', async () => {
      const { id } = await plan(tokens.owner, {
        strategy: 'lcr',
        marginGuardPercent: '10',
        marginGuardAmount: '0.001',
        maxVendors: 2,
      });
      const cheap = await vendor(tenants.owner, {
        priority: 5,
        weight: 10,
        qualityScore: new Decimal('87.5'),
      });
      const premium = await vendor(tenants.owner, { priority: 1, weight: 1, blockedPrefixes: ['4470'] });
      const mobile = await vendor(tenants.owner, { priority: 9, weight: 4 });
      await addRule(tokens.owner, id, { prefix: '44', strategy: 'priority' });
      const ukMobile = (await addRule(tokens.owner, id, { prefix: '447', strategy: 'weighted' })).body;
      await addRule(tokens.owner, id, { prefix: '4479' });
      await assign(tokens.owner, id, { vendorId: cheap.id });
      await assign(tokens.owner, id, { prefix: '44', vendorId: premium.id });
      const mobileAssignment = (
        await assign(tokens.owner, id, { prefix: '447', vendorId: mobile.id, weight: 70 })
      ).body;
      await assign(tokens.owner, id, { prefix: '447', vendorId: cheap.id, priority: 0 });

      const resolved = await resolve(tokens.owner, id, '447700900123');
      expect(resolved.status).toBe(200);
      expect(resolved.body).toEqual({
        routingPlanId: id,
        destination: '447700900123',
        matchedPrefix: '447',
        prefixRuleId: ukMobile.id,
        strategy: 'weighted',
        blocked: false,
        vendorSource: 'prefix',
        maxVendors: 2,
        allowLoss: false,
        marginGuardPercent: '10',
        marginGuardAmount: '0.001',
        vendors: [
          {
            assignmentId: expect.any(String),
            vendorId: cheap.id,
            name: cheap.name,
            currency: 'EUR',
            enabled: true,
            buyRateCardId: null,
            priority: 0,
            weight: 10,
            qualityScore: '87.5',
            blockedPrefixes: [],
          },
          expect.objectContaining({
            assignmentId: mobileAssignment.id,
            vendorId: mobile.id,
            priority: 9,
            weight: 70,
          }),
        ],
      });

      const landline = await resolve(tokens.owner, id, '442071234567');
      expect(landline.body).toMatchObject({
        matchedPrefix: '44',
        strategy: 'priority',
        vendorSource: 'prefix',
      });
      expect(landline.body.vendors).toEqual([
        expect.objectContaining({ vendorId: premium.id, priority: 1, weight: 1, blockedPrefixes: ['4470'] }),
      ]);

      // A rule with no vendors of its own keeps the plan's strategy and default vendors.
      const noVendors = await resolve(tokens.owner, id, '447912345678');
      expect(noVendors.body).toMatchObject({
        matchedPrefix: '4479',
        strategy: 'lcr',
        vendorSource: 'default',
      });
      expect(noVendors.body.vendors.map((v: { vendorId: string }) => v.vendorId)).toEqual([cheap.id]);

      const elsewhere = await resolve(tokens.owner, id, '33123456789');
      expect(elsewhere.body).toMatchObject({
        matchedPrefix: '',
        prefixRuleId: null,
        strategy: 'lcr',
        blocked: false,
        vendorSource: 'default',
      });
      expect(elsewhere.body.vendors).toEqual([expect.objectContaining({ vendorId: cheap.id, priority: 5 })]);
    });

    it('reports a blocked destination with no vendors, while a longer unblocked rule under it routes', async () => {
      const { id } = await plan(tokens.owner);
      const carrier = await vendor(tenants.owner);
      await assign(tokens.owner, id, { vendorId: carrier.id });
      await addRule(tokens.owner, id, { prefix: '882', blocked: true });
      await addRule(tokens.owner, id, { prefix: '88216' });
      const blocked = await resolve(tokens.owner, id, '8823456');
      expect(blocked.body).toMatchObject({ matchedPrefix: '882', blocked: true, vendors: [] });
      const allowed = await resolve(tokens.owner, id, '882161234');
      expect(allowed.body).toMatchObject({ matchedPrefix: '88216', blocked: false, vendorSource: 'default' });
      expect(allowed.body.vendors).toHaveLength(1);
    });

    it('passes disabled vendors on for the engine to exclude, and drops deleted ones', async () => {
      const { id } = await plan(tokens.owner);
      const disabled = await vendor(tenants.owner, { enabled: false });
      const gone = await vendor(tenants.owner);
      await assign(tokens.owner, id, { vendorId: disabled.id });
      await assign(tokens.owner, id, { vendorId: gone.id });
      await kit.dataSource.getRepository(Vendor).softDelete({ id: gone.id });
      const resolved = await resolve(tokens.owner, id, '1555');
      expect(resolved.body.vendors).toEqual([
        expect.objectContaining({ vendorId: disabled.id, enabled: false }),
      ]);
    });

    it('validates the destination and answers 404 for a foreign or deleted plan', async () => {
      const { id } = await plan(tokens.b);
      for (const destination of ['', '+44', '44x', '1'.repeat(33)]) {
        const response = await resolve(tokens.b, id, encodeURIComponent(destination));
        expect(response.status, destination).toBe(400);
        expect(response.body.errors[0].field).toBe('destination');
      }
      expect((await resolve(tokens.a, id, '44')).status).toBe(404);
      expect((await kit.request('GET', `/routing-plans/${id}/resolved`, { token: tokens.a })).status).toBe(
        404,
      );
      expect((await resolve(tokens.owner, id, '44')).status).toBe(200);
      await kit.request('DELETE', `/routing-plans/${id}`, { token: tokens.b });
      expect((await resolve(tokens.b, id, '44')).status).toBe(404);
    });
  });
});
