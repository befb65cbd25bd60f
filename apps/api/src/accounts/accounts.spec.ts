import {
  Domain,
  Line,
  RateCard,
  RateCardKind,
  ServicePlan,
  type Tenant,
  TenantSettings,
  UserRole,
} from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, ApiTestKit } from '../testing/api-test-kit';

interface AccountBody {
  id: string;
  code: string;
  name: string;
  tenantId: string;
  [field: string]: unknown;
}

describe('accounts', () => {
  let kit: ApiTestKit;
  let owner: Tenant;
  let resellerA: Tenant;
  let resellerB: Tenant;
  const tokens = { owner: '', a: '', b: '' };

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const ownerSetup = await kit.createTenant('Accounts Owner');
    const a = await kit.createTenant('Accounts Reseller A', ownerSetup.tenant);
    const b = await kit.createTenant('Accounts Reseller B', ownerSetup.tenant);
    [owner, resellerA, resellerB] = [ownerSetup.tenant, a.tenant, b.tenant];
    const settings = kit.dataSource.getRepository(TenantSettings);
    await settings.update(
      { tenantId: owner.id },
      { defaultCurrency: 'EUR', defaultTimezone: 'Europe/Berlin' },
    );
    await settings.update(
      { tenantId: resellerA.id },
      { defaultCurrency: 'GBP', defaultTimezone: 'Europe/London' },
    );
    tokens.owner = await kit.login(ownerSetup.user.email);
    tokens.a = await kit.login(a.user.email);
    tokens.b = await kit.login(b.user.email);
  });
  afterAll(async () => kit?.close());

  const create = (token: string, body: object) =>
    kit.request<AccountBody & { errors: Array<{ field: string }> }>('POST', '/accounts', { token, body });
  const created = async (token: string, body: object): Promise<AccountBody> => {
    const response = await create(token, body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };
  const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);

  async function servicePlan(tenant: Tenant, name: string, currency: string, active = true) {
    const card = await kit.dataSource
      .getRepository(RateCard)
      .save({ tenantId: tenant.id, name: `${name} card`, kind: RateCardKind.Sell, currency });
    return kit.dataSource
      .getRepository(ServicePlan)
      .save({ tenantId: tenant.id, name, sellRateCardId: card.id, currency, active });
  }

  async function lineOf(account: AccountBody, username: string) {
    const domain = await kit.dataSource
      .getRepository(Domain)
      .save({ tenantId: account.tenantId, name: `${username}.accounts.test` });
    return kit.dataSource.getRepository(Line).save({
      tenantId: account.tenantId,
      accountId: account.id,
      domainId: domain.id,
      username,
      ha1: '0'.repeat(32),
      ha1b: '0'.repeat(32),
    });
  }

  it("creates an account with its tenant's defaults, a zero balance row and an audit entry", async () => {
    const response = await create(tokens.owner, { code: 'ACME-1', name: 'Acme Ltd' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      tenantId: owner.id,
      code: 'ACME-1',
      name: 'Acme Ltd',
      email: null,
      billingType: 'prepaid',
      creditLimit: '0',
      currency: 'EUR',
      timezone: 'Europe/Berlin',
      status: 'active',
      maxChannels: null,
      maxInboundChannels: null,
      maxOutboundChannels: null,
      servicePlanId: null,
      balance: '0',
    });
    const id = response.body.id;
    const balances = await kit.dataSource.query(
      'SELECT tenant_id, amount, currency, reseller_tenant_id FROM balances WHERE account_id = $1',
      [id],
    );
    expect(balances).toEqual([
      { tenant_id: owner.id, amount: '0.000000', currency: 'EUR', reseller_tenant_id: null },
    ]);
    const fetched = await kit.request('GET', `/accounts/${id}`, { token: tokens.owner });
    expect(fetched.body).toEqual(response.body);

    const audit = await kit.dataSource.query(
      'SELECT action, tenant_id, entity_type, actor_user_id, changes FROM audit_log WHERE entity_id = $1',
      [id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'account.create', tenant_id: owner.id, entity_type: 'account' });
    expect(audit[0].actor_user_id).not.toBeNull();
    expect(audit[0].changes).toMatchObject({ code: { before: null, after: 'ACME-1' } });

    const forReseller = await created(tokens.owner, {
      code: 'ACME-1',
      name: 'Acme at A',
      tenantId: resellerA.id,
      email: 'billing@acme.test',
    });
    expect(forReseller).toMatchObject({
      tenantId: resellerA.id,
      currency: 'GBP',
      timezone: 'Europe/London',
      email: 'billing@acme.test',
    });
    const explicit = await created(tokens.owner, {
      code: 'ACME-USD',
      name: 'Acme USD',
      currency: 'USD',
      timezone: 'America/New_York',
    });
    expect(explicit).toMatchObject({ currency: 'USD', timezone: 'America/New_York' });
    const [usdBalance] = await kit.dataSource.query('SELECT currency FROM balances WHERE account_id = $1', [
      explicit.id,
    ]);
    expect(usdBalance.currency).toBe('USD');
  });

  it('shows the balance kept in the balances table, which the API cannot change', async () => {
    const account = await created(tokens.owner, { code: 'BAL-1', name: 'Balance Reader' });
    await kit.dataSource.query(`UPDATE balances SET amount = '-12.345678' WHERE account_id = $1`, [
      account.id,
    ]);
    const fetched = await kit.request('GET', `/accounts/${account.id}`, { token: tokens.owner });
    expect(fetched.body.balance).toBe('-12.345678');
    const listed = await kit.request('GET', '/accounts?search=BAL-1', { token: tokens.owner });
    expect(listed.body.data.map((a: AccountBody) => a.balance)).toEqual(['-12.345678']);
    const attempt = await kit.request('PATCH', `/accounts/${account.id}`, {
      token: tokens.owner,
      body: { balance: '1000' },
    });
    expect(attempt.status).toBe(400);
    expect(JSON.stringify(attempt.body.errors)).toContain('balance');
  });

  it('names every bad field with 400, unknown fields included, and writes nothing', async () => {
    const count = async () => Number((await kit.dataSource.query('SELECT count(*) FROM accounts'))[0].count);
    const before = await count();
    const response = await create(tokens.owner, {
      code: 'has space',
      name: '',
      email: 'not-an-email',
      billingType: 'credit',
      creditLimit: 12.5,
      currency: 'eur',
      timezone: 'Mars/Olympus',
      status: 'gone',
      maxChannels: 0,
      maxInboundChannels: 1.5,
      servicePlanId: 'plan-1',
      colour: 'red',
    });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(
      expect.arrayContaining([
        'code',
        'name',
        'email',
        'billingType',
        'creditLimit',
        'currency',
        'timezone',
        'status',
        'maxChannels',
        'maxInboundChannels',
        'servicePlanId',
      ]),
    );
    expect(JSON.stringify(response.body.errors)).toContain('colour');
    const negative = await create(tokens.owner, {
      code: 'NEG',
      name: 'Negative',
      billingType: 'postpaid',
      creditLimit: '-1',
    });
    expect(negative.status).toBe(400);
    expect(fieldsOf(negative.body)).toEqual(['creditLimit']);
    const missing = await create(tokens.owner, {});
    expect(fieldsOf(missing.body)).toEqual(expect.arrayContaining(['code', 'name']));
    expect(await count()).toBe(before);
  });

  it('keeps credit limits to postpaid accounts', async () => {
    const prepaidWithCredit = await create(tokens.owner, {
      code: 'PRE-CREDIT',
      name: 'Prepaid',
      creditLimit: '50',
    });
    expect(prepaidWithCredit.status).toBe(400);
    expect(fieldsOf(prepaidWithCredit.body)).toEqual(['creditLimit']);

    const postpaid = await created(tokens.owner, {
      code: 'POST-1',
      name: 'Postpaid',
      billingType: 'postpaid',
      creditLimit: '250.125',
    });
    expect(postpaid).toMatchObject({ billingType: 'postpaid', creditLimit: '250.125' });

    const contradictory = await kit.request('PATCH', `/accounts/${postpaid.id}`, {
      token: tokens.owner,
      body: { billingType: 'prepaid', creditLimit: '10' },
    });
    expect(contradictory.status).toBe(400);
    expect(fieldsOf(contradictory.body)).toEqual(['creditLimit']);

    const toPrepaid = await kit.request('PATCH', `/accounts/${postpaid.id}`, {
      token: tokens.owner,
      body: { billingType: 'prepaid' },
    });
    expect(toPrepaid.status).toBe(200);
    expect(toPrepaid.body).toMatchObject({ billingType: 'prepaid', creditLimit: '0' });

    const creditOnPrepaid = await kit.request('PATCH', `/accounts/${postpaid.id}`, {
      token: tokens.owner,
      body: { creditLimit: '1' },
    });
    expect(creditOnPrepaid.status).toBe(400);
    expect(fieldsOf(creditOnPrepaid.body)).toEqual(['creditLimit']);
  });

  it('keeps directional channel limits within the total, on create and on update', async () => {
    const tooMany = await create(tokens.owner, {
      code: 'CH-1',
      name: 'Channels',
      maxChannels: 10,
      maxOutboundChannels: 11,
    });
    expect(tooMany.status).toBe(400);
    expect(fieldsOf(tooMany.body)).toEqual(['maxOutboundChannels']);

    const account = await created(tokens.owner, {
      code: 'CH-2',
      name: 'Channels',
      maxChannels: 10,
      maxInboundChannels: 4,
      maxOutboundChannels: 10,
    });
    expect(account).toMatchObject({ maxChannels: 10, maxInboundChannels: 4, maxOutboundChannels: 10 });

    const lowered = await kit.request('PATCH', `/accounts/${account.id}`, {
      token: tokens.owner,
      body: { maxChannels: 5 },
    });
    expect(lowered.status).toBe(400);
    expect(fieldsOf(lowered.body)).toEqual(['maxOutboundChannels']);

    const unlimited = await kit.request('PATCH', `/accounts/${account.id}`, {
      token: tokens.owner,
      body: { maxChannels: null, maxInboundChannels: 40 },
    });
    expect(unlimited.body).toMatchObject({ maxChannels: null, maxInboundChannels: 40 });
  });

  it('answers 409 on a code taken in the same tenant, and frees it on delete', async () => {
    const first = await created(tokens.owner, { code: 'DUP-1', name: 'First' });
    const duplicate = await create(tokens.owner, { code: 'DUP-1', name: 'Second' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ field: 'code', reason: 'code is already in use' }]);
    await created(tokens.owner, { code: 'DUP-1', name: 'Same code, other tenant', tenantId: resellerB.id });
    const other = await created(tokens.owner, { code: 'DUP-2', name: 'Other' });
    const renamed = await kit.request('PATCH', `/accounts/${other.id}`, {
      token: tokens.owner,
      body: { code: 'DUP-1' },
    });
    expect(renamed.status).toBe(409);
    expect(fieldsOf(renamed.body)).toEqual(['code']);
    expect((await kit.request('DELETE', `/accounts/${first.id}`, { token: tokens.owner })).status).toBe(204);
    await created(tokens.owner, { code: 'DUP-1', name: 'Reused' });
  });

  it('updates fields, audits the change, and refuses a new currency', async () => {
    const account = await created(tokens.owner, { code: 'UPD-1', name: 'Before' });
    const updated = await kit.request('PATCH', `/accounts/${account.id}`, {
      token: tokens.owner,
      body: { name: 'After', status: 'suspended', timezone: 'Asia/Tokyo', currency: 'EUR' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'After', status: 'suspended', timezone: 'Asia/Tokyo' });
    const currency = await kit.request('PATCH', `/accounts/${account.id}`, {
      token: tokens.owner,
      body: { currency: 'USD' },
    });
    expect(currency.status).toBe(400);
    expect(fieldsOf(currency.body)).toEqual(['currency']);
    const tenantMove = await kit.request('PATCH', `/accounts/${account.id}`, {
      token: tokens.owner,
      body: { tenantId: resellerA.id },
    });
    expect(tenantMove.status).toBe(400);
    const audit = await kit.dataSource.query(
      'SELECT action, changes FROM audit_log WHERE entity_id = $1 ORDER BY created_at',
      [account.id],
    );
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['account.create', 'account.update']);
    expect(audit[1].changes).toEqual({
      name: { before: 'Before', after: 'After' },
      status: { before: 'active', after: 'suspended' },
      timezone: { before: 'Europe/Berlin', after: 'Asia/Tokyo' },
    });
  });

  it('links a service plan only when the caller sees it and it suits the account', async () => {
    const ownerPlan = await servicePlan(owner, 'Owner Retail', 'EUR');
    const planA = await servicePlan(resellerA, 'A Retail', 'GBP');
    const planB = await servicePlan(resellerB, 'B Retail', 'GBP');
    const inactive = await servicePlan(owner, 'Owner Legacy', 'EUR', false);
    const dollars = await servicePlan(owner, 'Owner Dollars', 'USD');

    const onPlan = await created(tokens.owner, {
      code: 'PLAN-1',
      name: 'On plan',
      servicePlanId: ownerPlan.id,
    });
    expect(onPlan.servicePlanId).toBe(ownerPlan.id);
    const aOwn = await created(tokens.a, { code: 'PLAN-A', name: 'A on A', servicePlanId: planA.id });
    expect(aOwn).toMatchObject({ tenantId: resellerA.id, servicePlanId: planA.id });
    // A parent's plan may serve an account below it (the owner decides it).
    const inherited = await created(tokens.owner, {
      code: 'PLAN-INHERITED',
      name: 'A on owner plan',
      tenantId: resellerA.id,
      currency: 'EUR',
      servicePlanId: ownerPlan.id,
    });
    expect(inherited.servicePlanId).toBe(ownerPlan.id);

    for (const planId of [planB.id, ownerPlan.id, '00000000-0000-4000-8000-000000000000']) {
      const hidden = await create(tokens.a, { code: 'PLAN-HIDDEN', name: 'x', servicePlanId: planId });
      expect(hidden.status).toBe(404);
    }
    const sibling = await create(tokens.owner, {
      code: 'PLAN-SIBLING',
      name: 'A on B plan',
      tenantId: resellerA.id,
      servicePlanId: planB.id,
    });
    expect(sibling.status).toBe(400);
    expect(fieldsOf(sibling.body)).toEqual(['servicePlanId']);
    const below = await create(tokens.owner, { code: 'PLAN-BELOW', name: 'x', servicePlanId: planA.id });
    expect(below.status).toBe(400);
    const legacy = await create(tokens.owner, { code: 'PLAN-OLD', name: 'x', servicePlanId: inactive.id });
    expect(legacy.status).toBe(400);
    expect(legacy.body.errors).toEqual([
      { field: 'servicePlanId', reason: expect.stringContaining('inactive') },
    ]);
    const wrongCurrency = await create(tokens.owner, {
      code: 'PLAN-USD',
      name: 'x',
      servicePlanId: dollars.id,
    });
    expect(wrongCurrency.status).toBe(400);
    expect(wrongCurrency.body.errors[0]).toEqual({
      field: 'servicePlanId',
      reason: 'the service plan bills in USD, the account in EUR',
    });

    const moved = await kit.request('PATCH', `/accounts/${aOwn.id}`, {
      token: tokens.a,
      body: { servicePlanId: planB.id },
    });
    expect(moved.status).toBe(404);
    const cleared = await kit.request('PATCH', `/accounts/${aOwn.id}`, {
      token: tokens.a,
      body: { servicePlanId: null },
    });
    expect(cleared.body.servicePlanId).toBeNull();

    const filtered = await kit.request('GET', `/accounts?servicePlanId=${ownerPlan.id}`, {
      token: tokens.owner,
    });
    expect(filtered.body.data.map((a: AccountBody) => a.code).sort()).toEqual(['PLAN-1', 'PLAN-INHERITED']);
  });

  it('filters, sorts and pages', async () => {
    const tenant = (await kit.createTenant('Accounts Listing', owner)).tenant;
    const specs = [
      { code: 'L-003', name: 'Charlie Telecom', billingType: 'postpaid', creditLimit: '10' },
      { code: 'L-001', name: 'Alpha voice' },
      { code: 'L-005', name: 'Echo 50% Calls', status: 'suspended' },
      { code: 'L-002', name: 'Bravo Voice', billingType: 'postpaid' },
      { code: 'L-004', name: 'Delta', status: 'closed' },
    ];
    const ids: Record<string, string> = {};
    for (const spec of specs)
      ids[spec.code] = (await created(tokens.owner, { ...spec, tenantId: tenant.id })).id;
    const codes = async (query: string) => {
      const response = await kit.request('GET', `/accounts?tenantId=${tenant.id}&${query}`, {
        token: tokens.owner,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.data.map((a: AccountBody) => a.code);
    };
    expect(await codes('')).toEqual(['L-001', 'L-002', 'L-003', 'L-004', 'L-005']);
    expect(await codes('search=VOICE')).toEqual(['L-001', 'L-002']);
    expect(await codes('search=l-00')).toHaveLength(5);
    expect(await codes('search=50%25')).toEqual(['L-005']);
    expect(await codes('status=suspended')).toEqual(['L-005']);
    expect(await codes('billingType=postpaid')).toEqual(['L-002', 'L-003']);
    expect(await codes('sort=name&order=desc')).toEqual(['L-005', 'L-004', 'L-003', 'L-002', 'L-001']);
    expect(await codes('sort=createdAt')).toEqual(['L-003', 'L-001', 'L-005', 'L-002', 'L-004']);
    expect(await codes(`ids=${ids['L-004']},${ids['L-001']}`)).toEqual(['L-001', 'L-004']);
    const badIds = await kit.request('GET', `/accounts?ids=${ids['L-001']},not-an-id`, {
      token: tokens.owner,
    });
    expect(badIds.status).toBe(400);
    expect(fieldsOf(badIds.body)).toEqual(['ids.1']);

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const response: ApiResponse<{ data: AccountBody[]; nextCursor: string | null }> = await kit.request(
        'GET',
        `/accounts?tenantId=${tenant.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: tokens.owner },
      );
      pages.push(...response.body.data.map((a) => a.code));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual(['L-001', 'L-002', 'L-003', 'L-004', 'L-005']);
    const badSort = await kit.request('GET', '/accounts?sort=balance', { token: tokens.owner });
    expect(badSort.status).toBe(400);
    expect(fieldsOf(badSort.body)).toEqual(['sort']);
  });

  it("hides a reseller's account from its sibling (404) and shows it to the owner", async () => {
    const account = await created(tokens.b, { code: 'B-SECRET', name: 'B customer' });
    expect(account.tenantId).toBe(resellerB.id);
    expect((await kit.request('GET', `/accounts/${account.id}`, { token: tokens.a })).status).toBe(404);
    const byId = await kit.request('GET', `/accounts?ids=${account.id}`, { token: tokens.a });
    expect(byId.body.data).toEqual([]);
    expect(
      (await kit.request('PATCH', `/accounts/${account.id}`, { token: tokens.a, body: { name: 'Stolen' } }))
        .status,
    ).toBe(404);
    expect((await kit.request('DELETE', `/accounts/${account.id}`, { token: tokens.a })).status).toBe(404);
    const listA = await kit.request('GET', '/accounts?limit=200', { token: tokens.a });
    expect(listA.body.data.map((a: AccountBody) => a.id)).not.toContain(account.id);
    expect(listA.body.data.every((a: AccountBody) => a.tenantId === resellerA.id)).toBe(true);
    const asOwner = await kit.request('GET', `/accounts/${account.id}`, { token: tokens.owner });
    expect(asOwner.body).toMatchObject({ name: 'B customer', code: 'B-SECRET' });
    const intoB = await create(tokens.a, { code: 'A-IN-B', name: 'x', tenantId: resellerB.id });
    expect(intoB.status).toBe(404);
    const upward = await create(tokens.a, { code: 'A-UP', name: 'x', tenantId: owner.id });
    expect(upward.status).toBe(404);
  });

  it('lets an end user read its own account and nothing else, and change nothing', async () => {
    const own = await created(tokens.a, { code: 'EU-1', name: 'End user account' });
    const other = await created(tokens.a, { code: 'EU-2', name: 'Neighbour' });
    const login = await kit.createUser(resellerA, UserRole.Admin, 'end-user-accounts@example.test', own.id);
    const token = await kit.login(login.email);
    expect((await kit.request('GET', `/accounts/${own.id}`, { token })).body).toMatchObject({ code: 'EU-1' });
    expect((await kit.request('GET', `/accounts/${other.id}`, { token })).status).toBe(404);
    const list = await kit.request('GET', '/accounts', { token });
    expect(list.body.data.map((a: AccountBody) => a.id)).toEqual([own.id]);
    expect(
      (await kit.request('PATCH', `/accounts/${own.id}`, { token, body: { name: 'Mine' } })).status,
    ).toBe(403);
    expect((await create(token, { code: 'EU-3', name: 'x' })).status).toBe(403);
    expect((await kit.request('DELETE', `/accounts/${own.id}`, { token })).status).toBe(403);
    expect((await kit.request('GET', `/accounts/${own.id}`, { token: tokens.a })).body.name).toBe(
      'End user account',
    );
  });

  it('lets a read-only user read but not write', async () => {
    const account = await created(tokens.owner, { code: 'RO-1', name: 'Read only target' });
    const reader = await kit.createUser(owner, UserRole.ReadOnly, 'ro-accounts@example.test');
    const token = await kit.login(reader.email);
    expect((await kit.request('GET', `/accounts/${account.id}`, { token })).status).toBe(200);
    expect((await create(token, { code: 'RO-2', name: 'x' })).status).toBe(403);
    expect(
      (await kit.request('PATCH', `/accounts/${account.id}`, { token, body: { name: 'x' } })).status,
    ).toBe(403);
    expect((await kit.request('DELETE', `/accounts/${account.id}`, { token })).status).toBe(403);
  });

  it('refuses to delete an account with lines or logins, allows closing it, and soft-deletes', async () => {
    const account = await created(tokens.owner, { code: 'DEL-1', name: 'With a line' });
    const line = await lineOf(account, 'del1');
    const refused = await kit.request('DELETE', `/accounts/${account.id}`, { token: tokens.owner });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('1 line(s)');
    const closed = await kit.request('PATCH', `/accounts/${account.id}`, {
      token: tokens.owner,
      body: { status: 'closed' },
    });
    expect(closed.body.status).toBe('closed');
    await kit.dataSource.getRepository(Line).softDelete({ id: line.id });

    const login = await kit.createUser(owner, UserRole.ReadOnly, 'del1-login@example.test', account.id);
    expect((await kit.request('DELETE', `/accounts/${account.id}`, { token: tokens.owner })).status).toBe(
      409,
    );
    await kit.dataSource.query('UPDATE users SET deleted_at = now() WHERE id = $1', [login.id]);

    expect((await kit.request('DELETE', `/accounts/${account.id}`, { token: tokens.owner })).status).toBe(
      204,
    );
    expect((await kit.request('GET', `/accounts/${account.id}`, { token: tokens.owner })).status).toBe(404);
    const [row] = await kit.dataSource.query('SELECT deleted_at FROM accounts WHERE id = $1', [account.id]);
    expect(row.deleted_at).not.toBeNull();
    const audit = await kit.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'account.delete'`,
      [account.id],
    );
    expect(audit).toHaveLength(1);
  });
});
