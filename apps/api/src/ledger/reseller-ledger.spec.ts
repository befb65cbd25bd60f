import { randomUUID } from 'node:crypto';
import { BillingType, type Tenant, TenantSettings, UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';
import { createAccount, ledgerSumsAndBalances, loginAs } from './ledger-test-fixtures';

describe("reseller ledger: a reseller's balance with its parent", () => {
  let kit: ApiTestKit;
  let owner: Tenant;
  let alpha: Tenant;
  let alphaChild: Tenant;
  let beta: Tenant;
  let ownerToken: string;
  let alphaToken: string;
  let betaToken: string;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const ownerSetup = await kit.createTenant('Reseller Ledger Owner');
    owner = ownerSetup.tenant;
    ownerToken = await kit.login(ownerSetup.user.email);
    const alphaSetup = await kit.createTenant('Reseller Ledger Alpha', owner);
    alpha = alphaSetup.tenant;
    alphaToken = await kit.login(alphaSetup.user.email);
    alphaChild = (await kit.createTenant('Reseller Ledger Alpha Child', alpha)).tenant;
    const betaSetup = await kit.createTenant('Reseller Ledger Beta', owner);
    beta = betaSetup.tenant;
    betaToken = await kit.login(betaSetup.user.email);
    await kit.dataSource
      .getRepository(TenantSettings)
      .update(
        { tenantId: beta.id },
        { defaultCurrency: 'GBP', billingType: BillingType.Postpaid, creditLimit: '250' as never },
      );
  });
  afterAll(async () => kit?.close());

  const topUp = (token: string, resellerId: string, body: unknown) =>
    kit.request('POST', `/resellers/${resellerId}/top-ups`, { token, body });

  it('credits a reseller below the caller; the entry belongs to the parent', async () => {
    const response = await topUp(ownerToken, alpha.id, {
      amount: '500',
      idempotencyKey: 'wire-1',
      reference: 'bank-77',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      tenantId: owner.id,
      accountId: null,
      resellerId: alpha.id,
      kind: 'top_up',
      amount: '500',
      currency: 'USD',
      idempotencyKey: 'wire-1',
      reference: 'bank-77',
    });
    const balance = await kit.request('GET', `/resellers/${alpha.id}/balance`, { token: ownerToken });
    expect(balance.body).toMatchObject({
      resellerId: alpha.id,
      amount: '500',
      currency: 'USD',
      billingType: 'prepaid',
      available: '500',
    });
    const ledger = await kit.request('GET', `/resellers/${alpha.id}/ledger`, { token: ownerToken });
    expect(ledger.body.data.map((e: { id: string }) => e.id)).toEqual([response.body.id]);
    const [audit] = await kit.dataSource.query(
      `SELECT action, tenant_id FROM audit_log WHERE entity_id = $1`,
      [response.body.id],
    );
    expect(audit).toEqual({ action: 'ledger-entry.top-up', tenant_id: owner.id });
  });

  it('answers a replay with 200 and the first entry, and other content with 409', async () => {
    const body = { amount: '20', idempotencyKey: `wire-${randomUUID()}` };
    const first = await topUp(ownerToken, alpha.id, body);
    const replay = await topUp(ownerToken, alpha.id, body);
    expect([first.status, replay.status]).toEqual([201, 200]);
    expect(replay.body).toEqual(first.body);
    const conflict = await topUp(ownerToken, alpha.id, { ...body, description: 'changed' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.errors[0].field).toBe('idempotencyKey');
  });

  it("uses the reseller's currency, billing type and credit limit from its settings", async () => {
    const before = await kit.request('GET', `/resellers/${beta.id}/balance`, { token: ownerToken });
    expect(before.body).toMatchObject({ amount: '0', currency: 'GBP', creditLimit: '250', available: '250' });
    const wrong = await topUp(ownerToken, beta.id, { amount: '1', currency: 'USD', idempotencyKey: 'fx' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].field).toBe('currency');
    expect((await topUp(ownerToken, beta.id, { amount: '50', idempotencyKey: 'gbp-1' })).body.currency).toBe(
      'GBP',
    );
    const after = await kit.request('GET', `/resellers/${beta.id}/balance`, { token: ownerToken });
    expect(after.body).toMatchObject({ amount: '50', available: '300', billingType: 'postpaid' });
  });

  it('lets a reseller credit its own sub-reseller, which its owner sees too', async () => {
    const response = await topUp(alphaToken, alphaChild.id, { amount: '75.5', idempotencyKey: 'sub-1' });
    expect(response.status).toBe(201);
    expect(response.body.tenantId).toBe(alpha.id);
    for (const token of [alphaToken, ownerToken]) {
      const balance = await kit.request('GET', `/resellers/${alphaChild.id}/balance`, { token });
      expect(balance.body.amount).toBe('75.5');
    }
  });

  it('hides a reseller from itself, its siblings and end users: 404 whatever the body', async () => {
    // Its balance with its parent is the parent's business: the reseller sees neither it nor its ledger.
    expect((await kit.request('GET', `/resellers/${alpha.id}/balance`, { token: alphaToken })).status).toBe(
      404,
    );
    expect((await topUp(alphaToken, alpha.id, { amount: '1000', idempotencyKey: 'self' })).status).toBe(404);
    for (const path of ['balance', 'ledger']) {
      expect(
        (await kit.request('GET', `/resellers/${alphaChild.id}/${path}`, { token: betaToken })).status,
      ).toBe(404);
    }
    expect((await topUp(betaToken, alphaChild.id, {})).status).toBe(404);
    expect((await topUp(betaToken, alphaChild.id, { amount: '1', idempotencyKey: 'x' })).status).toBe(404);
    expect((await topUp(alphaToken, owner.id, { amount: '1', idempotencyKey: 'up' })).status).toBe(404);
    const account = await createAccount(kit, alpha);
    const endUser = await loginAs(kit, alpha, UserRole.Admin, account.id);
    expect((await kit.request('GET', `/resellers/${alphaChild.id}/balance`, { token: endUser })).status).toBe(
      404,
    );
    expect((await topUp(endUser, alphaChild.id, { amount: '1', idempotencyKey: 'eu' })).status).toBe(404);
    const balance = await kit.request('GET', `/resellers/${alphaChild.id}/balance`, { token: alphaToken });
    expect(balance.body.amount).toBe('75.5');
  });

  it('needs the billing permission to credit', async () => {
    const readOnly = await loginAs(kit, owner, UserRole.ReadOnly);
    expect((await topUp(readOnly, alpha.id, { amount: '1', idempotencyKey: 'ro' })).status).toBe(403);
    expect((await kit.request('GET', `/resellers/${alpha.id}/ledger`, { token: readOnly })).status).toBe(200);
  });

  it('validates the posting, naming each bad field', async () => {
    const response = await topUp(ownerToken, alpha.id, {
      amount: '0',
      idempotencyKey: 'a'.repeat(201),
      extra: 1,
    });
    expect(response.status).toBe(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['amount', 'idempotencyKey']));
    expect(JSON.stringify(response.body.errors)).toContain('extra');
  });

  it('keeps reseller balances equal to the sum of their ledgers', async () => {
    const rows = await ledgerSumsAndBalances(kit);
    expect(rows.map((row) => row.party)).toEqual(expect.arrayContaining([alpha.id, alphaChild.id, beta.id]));
    for (const row of rows) expect(row.balance, row.party).toBe(row.ledger);
  });
});
