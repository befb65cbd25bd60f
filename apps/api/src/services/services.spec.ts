import { Account, AccountStatus, BillingType, ServiceKind, ServiceTemplate, UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';
import { TRUNK_RANGES_LOCK } from './trunk-source-ranges';

describe('services', () => {
  let kit: ApiTestKit;
  const tokens = { owner: '', a: '', b: '', reader: '' };
  const tenants = { owner: '', a: '', b: '' };
  let counter = 0;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const owner = await kit.createTenant('Services Owner');
    const a = await kit.createTenant('Services Reseller A', owner.tenant);
    const b = await kit.createTenant('Services Reseller B', owner.tenant);
    tenants.owner = owner.tenant.id;
    tenants.a = a.tenant.id;
    tenants.b = b.tenant.id;
    tokens.owner = await kit.login(owner.user.email);
    tokens.a = await kit.login(a.user.email);
    tokens.b = await kit.login(b.user.email);
    const reader = await kit.createUser(owner.tenant, UserRole.ReadOnly, 'services-reader@example.test');
    tokens.reader = await kit.login(reader.email);
  });
  afterAll(async () => kit?.close());

  const account = (tenantId: string, status = AccountStatus.Active) =>
    kit.dataSource.getRepository(Account).save({
      tenantId,
      code: `S-${++counter}`,
      name: `Customer ${counter}`,
      billingType: BillingType.Prepaid,
      currency: 'EUR',
      status,
    });
  const template = (tenantId: string, values: Partial<ServiceTemplate> = {}) =>
    kit.dataSource.getRepository(ServiceTemplate).save({
      tenantId,
      name: `Template ${++counter}`,
      kind: ServiceKind.SipTrunk,
      maxChannels: 30,
      ...values,
    });
  const createService = (token: string, body: object) => kit.request('POST', '/services', { token, body });
  const fields = (response: { body: { errors?: Array<{ field: string }> } }) =>
    (response.body.errors ?? []).map((e) => e.field);

  describe('creation', () => {
    it('takes kind, name and channel limit from a template, and keeps the account immutable', async () => {
      const customer = await account(tenants.a);
      const trunkTemplate = await template(tenants.a, { name: 'Wholesale 30' });
      const created = await createService(tokens.a, {
        accountId: customer.id,
        templateId: trunkTemplate.id,
        allowedSourceIps: ['198.51.100.10', '2001:DB8:0:0::/48'],
        techPrefix: '0451',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        tenantId: tenants.a,
        accountId: customer.id,
        templateId: trunkTemplate.id,
        kind: 'sip_trunk',
        status: 'active',
        name: 'Wholesale 30',
        allowedSourceIps: ['198.51.100.10/32', '2001:db8::/48'],
        techPrefix: '0451',
        maxChannels: 30,
        endedAt: null,
      });
      expect(Date.parse(created.body.startedAt)).toBeGreaterThan(Date.now() - 60_000);
      const read = await kit.request('GET', `/services/${created.body.id}`, { token: tokens.a });
      expect(read.body).toEqual(created.body);
      const moved = await kit.request('PATCH', `/services/${created.body.id}`, {
        token: tokens.a,
        body: { accountId: (await account(tenants.a)).id },
      });
      expect(moved.status).toBe(400);
      expect(JSON.stringify(moved.body.errors)).toContain('accountId');
    });

    it('creates a service of a given kind without a template, with its own overrides', async () => {
      const customer = await account(tenants.a);
      const line = await createService(tokens.a, {
        accountId: customer.id,
        kind: 'subscriber_line',
        name: 'Home line',
        status: 'suspended',
      });
      expect(line.status).toBe(201);
      expect(line.body).toMatchObject({
        kind: 'subscriber_line',
        templateId: null,
        name: 'Home line',
        status: 'suspended',
        allowedSourceIps: [],
        techPrefix: null,
        maxChannels: null,
      });
      const pbxTemplate = await template(tenants.a, { kind: ServiceKind.HostedPbx, maxChannels: 8 });
      const pbx = await createService(tokens.a, {
        accountId: customer.id,
        templateId: pbxTemplate.id,
        name: 'Office PBX',
        maxChannels: null,
      });
      expect(pbx.body).toMatchObject({ kind: 'hosted_pbx', name: 'Office PBX', maxChannels: null });
    });

    it('answers 400 naming kind or name when neither they nor a template give them', async () => {
      const customer = await account(tenants.a);
      const noKind = await createService(tokens.a, { accountId: customer.id, name: 'x' });
      expect(noKind.status).toBe(400);
      expect(fields(noKind)).toEqual(['kind']);
      const noName = await createService(tokens.a, { accountId: customer.id, kind: 'hosted_pbx' });
      expect(fields(noName)).toEqual(['name']);
      const lineTemplate = await template(tenants.a, { kind: ServiceKind.SubscriberLine });
      const mismatch = await createService(tokens.a, {
        accountId: customer.id,
        templateId: lineTemplate.id,
        kind: 'sip_trunk',
        allowedSourceIps: ['198.51.100.99'],
      });
      expect(fields(mismatch)).toEqual(['kind']);
      const bad = await createService(tokens.a, {
        accountId: 'x',
        templateId: 'y',
        kind: 'fax',
        status: 'terminated',
        maxChannels: -1,
        techPrefix: '12a',
        allowedSourceIps: '10.0.0.0/8',
        extra: 1,
      });
      expect(bad.status).toBe(400);
      expect(fields(bad)).toEqual(
        expect.arrayContaining([
          'accountId',
          'templateId',
          'kind',
          'status',
          'maxChannels',
          'techPrefix',
          'allowedSourceIps',
        ]),
      );
      expect(JSON.stringify(bad.body.errors)).toContain('extra');
    });

    it("answers 404 for a sibling's account or template, 400 for a template of another tenant, inactive, or a closed account", async () => {
      const own = await account(tenants.a);
      const ofSibling = await account(tenants.b);
      const siblingTemplate = await template(tenants.b, { kind: ServiceKind.HostedPbx });
      const foreignAccount = await createService(tokens.a, {
        accountId: ofSibling.id,
        kind: 'hosted_pbx',
        name: 'x',
      });
      expect(foreignAccount.status).toBe(404);
      expect(foreignAccount.body.message).toBe('account not found');
      const foreignTemplate = await createService(tokens.a, {
        accountId: own.id,
        templateId: siblingTemplate.id,
      });
      expect(foreignTemplate.status).toBe(404);
      expect(foreignTemplate.body.message).toBe('service template not found');
      const crossed = await createService(tokens.owner, {
        accountId: own.id,
        templateId: siblingTemplate.id,
      });
      expect(crossed.status).toBe(400);
      expect(fields(crossed)).toEqual(['templateId']);
      const inactive = await template(tenants.a, { kind: ServiceKind.HostedPbx, active: false });
      expect(fields(await createService(tokens.a, { accountId: own.id, templateId: inactive.id }))).toEqual([
        'templateId',
      ]);
      const closed = await account(tenants.a, AccountStatus.Closed);
      expect(
        fields(await createService(tokens.a, { accountId: closed.id, kind: 'hosted_pbx', name: 'x' })),
      ).toEqual(['accountId']);
      const byOwner = await createService(tokens.owner, {
        accountId: ofSibling.id,
        kind: 'hosted_pbx',
        name: 'PBX',
      });
      expect(byOwner.body.tenantId).toBe(tenants.b);
    });
  });

  describe('SIP trunk source addresses', () => {
    it('requires at least one range for a trunk and none (nor a tech prefix) for other kinds', async () => {
      const customer = await account(tenants.owner);
      const none = await createService(tokens.owner, {
        accountId: customer.id,
        kind: 'sip_trunk',
        name: 'Trunk',
      });
      expect(none.status).toBe(400);
      expect(fields(none)).toEqual(['allowedSourceIps']);
      const onLine = await createService(tokens.owner, {
        accountId: customer.id,
        kind: 'subscriber_line',
        name: 'Line',
        allowedSourceIps: ['198.51.100.1'],
      });
      expect(fields(onLine)).toEqual(['allowedSourceIps']);
      const prefixOnPbx = await createService(tokens.owner, {
        accountId: customer.id,
        kind: 'hosted_pbx',
        name: 'PBX',
        techPrefix: '12',
      });
      expect(fields(prefixOnPbx)).toEqual(['techPrefix']);
      const line = (
        await createService(tokens.owner, { accountId: customer.id, kind: 'subscriber_line', name: 'L' })
      ).body;
      const patched = await kit.request('PATCH', `/services/${line.id}`, {
        token: tokens.owner,
        body: { allowedSourceIps: ['198.51.100.2'] },
      });
      expect(fields(patched)).toEqual(['allowedSourceIps']);
    });

    it('validates each range strictly, naming allowedSourceIps.<index>', async () => {
      const customer = await account(tenants.owner);
      const response = await createService(tokens.owner, {
        accountId: customer.id,
        kind: 'sip_trunk',
        name: 'Strict',
        allowedSourceIps: [
          '192.0.2.10',
          '192.0.2.0/33',
          '192.0.2.1/24',
          'gateway.example.com',
          '2001:db8::/129',
          '2001:db8::1/64',
          '0.0.0.0/0',
          '192.0.2.10/32',
          '::ffff:192.0.2.50',
          '192.0.2.300',
        ],
      });
      expect(response.status).toBe(400);
      expect(fields(response)).toEqual([
        'allowedSourceIps.1',
        'allowedSourceIps.2',
        'allowedSourceIps.3',
        'allowedSourceIps.4',
        'allowedSourceIps.5',
        'allowedSourceIps.6',
        'allowedSourceIps.7',
        'allowedSourceIps.8',
        'allowedSourceIps.9',
      ]);
      const reasons = response.body.errors.map((e: { reason: string }) => e.reason);
      expect(reasons[1]).toContain('192.0.2.0/24');
      expect(reasons[6]).toContain('overlaps allowedSourceIps.0');
      expect(
        (await kit.request('GET', `/services?accountId=${customer.id}`, { token: tokens.owner })).body.data,
      ).toEqual([]);
    });

    it('refuses a range overlapping a live trunk of any tenant (409), IPv4 and IPv6 alike', async () => {
      const ofA = await account(tenants.a);
      const ofB = await account(tenants.b);
      const trunk = (token: string, accountId: string, allowedSourceIps: string[]) =>
        createService(token, { accountId, kind: 'sip_trunk', name: 'Trunk', allowedSourceIps });
      const first = await trunk(tokens.a, ofA.id, ['203.0.113.0/25', '2001:db8:a::/48']);
      expect(first.status).toBe(201);
      for (const ranges of [['203.0.113.77'], ['203.0.113.0/24'], ['192.0.2.1', '2001:db8:a:1::5']]) {
        const clash = await trunk(tokens.b, ofB.id, ranges);
        expect(clash.status, ranges.join()).toBe(409);
        expect(fields(clash)).toEqual(['allowedSourceIps']);
      }
      const clash = await trunk(tokens.b, ofB.id, ['192.0.2.1', '2001:db8:a:1::5']);
      expect(clash.body.message).toContain('2001:db8:a:1::5');
      expect(clash.body.message).not.toContain(tenants.a);
      const neighbour = await trunk(tokens.b, ofB.id, ['203.0.113.128/25', '2001:db8:b::/48']);
      expect(neighbour.status).toBe(201);
      // Lines and PBXs never claim addresses; suspended trunks still do.
      await kit.request('PATCH', `/services/${first.body.id}`, {
        token: tokens.a,
        body: { status: 'suspended' },
      });
      expect((await trunk(tokens.b, ofB.id, ['203.0.113.1'])).status).toBe(409);
      const grow = await kit.request('PATCH', `/services/${neighbour.body.id}`, {
        token: tokens.b,
        body: { allowedSourceIps: ['203.0.113.0/24'] },
      });
      expect(grow.status).toBe(409);
      const own = await kit.request('PATCH', `/services/${first.body.id}`, {
        token: tokens.a,
        body: { allowedSourceIps: ['203.0.113.0/26', '203.0.113.64/26'] },
      });
      expect(own.status).toBe(200);
      expect(own.body.allowedSourceIps).toEqual(['203.0.113.0/26', '203.0.113.64/26']);
      // Terminating a trunk frees its ranges.
      expect((await kit.request('DELETE', `/services/${first.body.id}`, { token: tokens.a })).status).toBe(
        204,
      );
      expect((await trunk(tokens.b, ofB.id, ['203.0.113.0/26'])).status).toBe(201);
    });

    it('serialises concurrent claims of a range, so only one of two trunks gets it', async () => {
      const ofA = await account(tenants.a);
      const ofB = await account(tenants.b);
      const claim = (token: string, accountId: string) =>
        createService(token, {
          accountId,
          kind: 'sip_trunk',
          name: 'Race',
          allowedSourceIps: ['192.0.2.64/26'],
        });
      // Hold the claim lock so both requests are in flight together, then let them through.
      const holder = kit.dataSource.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [TRUNK_RANGES_LOCK]);
      let settled = 0;
      const claims = [claim(tokens.a, ofA.id), claim(tokens.b, ofB.id)].map((request) =>
        request.finally(() => settled++),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(0);
      await holder.commitTransaction();
      await holder.release();
      const statuses = (await Promise.all(claims)).map((response) => response.status);
      expect(statuses.sort()).toEqual([201, 409]);
    });

    it('finds the trunks claiming an address', async () => {
      const customer = await account(tenants.owner);
      const trunk = (
        await createService(tokens.owner, {
          accountId: customer.id,
          kind: 'sip_trunk',
          name: 'Findable',
          allowedSourceIps: ['100.64.10.0/24'],
        })
      ).body;
      const found = await kit.request('GET', '/services?sourceAddress=100.64.10.200', {
        token: tokens.owner,
      });
      expect(found.body.data.map((s: { id: string }) => s.id)).toEqual([trunk.id]);
      const none = await kit.request('GET', '/services?sourceAddress=100.64.11.1', { token: tokens.owner });
      expect(none.body.data).toEqual([]);
      expect(
        (await kit.request('GET', '/services?sourceAddress=100.64.10', { token: tokens.owner })).status,
      ).toBe(400);
    });
  });

  describe('life cycle', () => {
    it('suspends and reactivates; terminating sets endedAt and is final (409)', async () => {
      const customer = await account(tenants.owner);
      const service = (
        await createService(tokens.owner, { accountId: customer.id, kind: 'hosted_pbx', name: 'Cycle' })
      ).body;
      const path = `/services/${service.id}`;
      expect(
        (await kit.request('PATCH', path, { token: tokens.owner, body: { status: 'suspended' } })).body
          .status,
      ).toBe('suspended');
      const back = await kit.request('PATCH', path, {
        token: tokens.owner,
        body: { status: 'active', maxChannels: 4 },
      });
      expect(back.body).toMatchObject({ status: 'active', maxChannels: 4, endedAt: null });
      const ended = await kit.request('PATCH', path, { token: tokens.owner, body: { status: 'terminated' } });
      expect(ended.body.status).toBe('terminated');
      expect(Date.parse(ended.body.endedAt)).toBeGreaterThanOrEqual(Date.parse(ended.body.startedAt));
      const reactivate = await kit.request('PATCH', path, {
        token: tokens.owner,
        body: { status: 'active' },
      });
      expect(reactivate.status).toBe(409);
      expect(fields(reactivate)).toEqual(['status']);
      expect(
        (await kit.request('PATCH', path, { token: tokens.owner, body: { name: 'Renamed' } })).status,
      ).toBe(409);
      expect((await kit.request('DELETE', path, { token: tokens.owner })).status).toBe(204);
      const kept = await kit.request('GET', path, { token: tokens.owner });
      expect(kept.body).toMatchObject({ status: 'terminated', name: 'Cycle', endedAt: ended.body.endedAt });
      const audit = await kit.dataSource.query(
        'SELECT action, changes FROM audit_log WHERE entity_id = $1 ORDER BY created_at',
        [service.id],
      );
      expect(audit.map((e: { action: string }) => e.action)).toEqual([
        'service.create',
        'service.update',
        'service.update',
        'service.update',
      ]);
      expect(audit[3].changes.status).toEqual({ before: 'active', after: 'terminated' });
    });

    it('DELETE terminates a live service', async () => {
      const customer = await account(tenants.owner);
      const service = (
        await createService(tokens.owner, { accountId: customer.id, kind: 'hosted_pbx', name: 'D' })
      ).body;
      expect((await kit.request('DELETE', `/services/${service.id}`, { token: tokens.owner })).status).toBe(
        204,
      );
      const read = await kit.request('GET', `/services/${service.id}`, { token: tokens.owner });
      expect(read.body.status).toBe('terminated');
      expect(read.body.endedAt).not.toBeNull();
    });
  });

  describe('visibility', () => {
    it("shows an end user its own account's services only, read-only", async () => {
      const own = await account(tenants.a);
      const other = await account(tenants.a);
      const mine = (await createService(tokens.a, { accountId: own.id, kind: 'hosted_pbx', name: 'Mine' }))
        .body;
      const theirs = (
        await createService(tokens.a, { accountId: other.id, kind: 'hosted_pbx', name: 'Theirs' })
      ).body;
      const endUser = await kit.createUser(
        { id: tenants.a },
        UserRole.Admin,
        'services-end-user@example.test',
        own.id,
      );
      const token = await kit.login(endUser.email);
      const list = await kit.request('GET', '/services', { token });
      expect(list.body.data.map((s: { id: string }) => s.id)).toEqual([mine.id]);
      expect((await kit.request('GET', `/services/${mine.id}`, { token })).status).toBe(200);
      expect((await kit.request('GET', `/services/${theirs.id}`, { token })).status).toBe(404);
      expect(
        (await kit.request('PATCH', `/services/${mine.id}`, { token, body: { name: 'x' } })).status,
      ).toBe(403);
      expect((await kit.request('DELETE', `/services/${mine.id}`, { token })).status).toBe(403);
      expect((await createService(token, { accountId: own.id, kind: 'hosted_pbx', name: 'x' })).status).toBe(
        403,
      );
      expect((await kit.request('GET', `/services/${mine.id}`, { token: tokens.a })).body.status).toBe(
        'active',
      );
    });

    it("hides a reseller's services from its sibling, shows them to the owner, filters and pages", async () => {
      const customer = await account(tenants.b);
      const made = [];
      for (const [kind, name] of [
        ['hosted_pbx', 'Vis PBX'],
        ['subscriber_line', 'Vis Line 1'],
        ['subscriber_line', 'Vis Line 2'],
      ] as const)
        made.push((await createService(tokens.b, { accountId: customer.id, kind, name })).body);
      for (const method of ['GET', 'PATCH', 'DELETE'] as const)
        expect(
          (
            await kit.request(method, `/services/${made[0].id}`, {
              token: tokens.a,
              body: method === 'PATCH' ? {} : undefined,
            })
          ).status,
        ).toBe(404);
      const names = async (query: string, token = tokens.b) =>
        (await kit.request('GET', `/services?accountId=${customer.id}&${query}`, { token })).body.data.map(
          (s: { name: string }) => s.name,
        );
      expect(await names('kind=subscriber_line&sort=name')).toEqual(['Vis Line 1', 'Vis Line 2']);
      expect(await names('search=pbx')).toEqual(['Vis PBX']);
      expect(await names('', tokens.a)).toEqual([]);
      expect(await names('sort=name&order=desc', tokens.owner)).toEqual([
        'Vis PBX',
        'Vis Line 2',
        'Vis Line 1',
      ]);
      await kit.request('PATCH', `/services/${made[1].id}`, {
        token: tokens.b,
        body: { status: 'suspended' },
      });
      expect(await names('status=suspended')).toEqual(['Vis Line 1']);
      const page = await kit.request('GET', `/services?accountId=${customer.id}&limit=2`, {
        token: tokens.b,
      });
      const next = await kit.request(
        'GET',
        `/services?accountId=${customer.id}&limit=2&cursor=${page.body.nextCursor}`,
        {
          token: tokens.b,
        },
      );
      expect([...page.body.data, ...next.body.data].map((s: { name: string }) => s.name)).toEqual([
        'Vis Line 1',
        'Vis Line 2',
        'Vis PBX',
      ]);
      expect(next.body.nextCursor).toBeNull();
    });

    it('lets a read-only user read but not write', async () => {
      const customer = await account(tenants.owner);
      expect((await kit.request('GET', '/services', { token: tokens.reader })).status).toBe(200);
      expect(
        (await createService(tokens.reader, { accountId: customer.id, kind: 'hosted_pbx', name: 'x' }))
          .status,
      ).toBe(403);
    });
  });
});
