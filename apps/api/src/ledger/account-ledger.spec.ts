import { randomUUID } from 'node:crypto';
import { ApiKey, Balance, BillingType, type Tenant, UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../auth/secret-tokens';
import { ApiTestKit } from '../testing/api-test-kit';
import { createAccount, ledgerSumsAndBalances, loginAs } from './ledger-test-fixtures';

describe('account ledger: top-ups, adjustments, refunds, ledger and balance', () => {
  let kit: ApiTestKit;
  let owner: Tenant;
  let resellerA: Tenant;
  let ownerToken: string;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const ownerSetup = await kit.createTenant('Ledger Owner');
    owner = ownerSetup.tenant;
    ownerToken = await kit.login(ownerSetup.user.email);
    const a = await kit.createTenant('Ledger Reseller A', owner);
    const b = await kit.createTenant('Ledger Reseller B', owner);
    resellerA = a.tenant;
    tokenA = await kit.login(a.user.email);
    tokenB = await kit.login(b.user.email);
  });
  afterAll(async () => kit?.close());

  const key = () => `key-${randomUUID()}`;
  const post = (token: string, accountId: string, verb: string, body: unknown) =>
    kit.request('POST', `/accounts/${accountId}/${verb}`, { token, body });
  const balanceOf = async (token: string, accountId: string) =>
    (await kit.request('GET', `/accounts/${accountId}/balance`, { token })).body;

  it('tops up: 201 with the entry, the balance follows, and the audit log records both', async () => {
    const account = await createAccount(kit, owner);
    const response = await post(ownerToken, account.id, 'top-ups', {
      amount: '25.125',
      idempotencyKey: 'payment-1',
      reference: 'psp-123',
      description: 'card payment',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      tenantId: owner.id,
      accountId: account.id,
      resellerId: null,
      kind: 'top_up',
      amount: '25.125',
      currency: 'EUR',
      idempotencyKey: 'payment-1',
      reference: 'psp-123',
      description: 'card payment',
      createdByApiKeyId: null,
    });
    expect(response.body.createdByUserId).toEqual(expect.any(String));
    expect(await balanceOf(ownerToken, account.id)).toMatchObject({
      accountId: account.id,
      amount: '25.125',
      currency: 'EUR',
      billingType: 'prepaid',
      available: '25.125',
    });
    const [audit] = await kit.dataSource.query(
      `SELECT action, entity_type, tenant_id, changes FROM audit_log WHERE entity_id = $1`,
      [response.body.id],
    );
    expect(audit).toMatchObject({
      action: 'ledger-entry.top-up',
      entity_type: 'ledger-entry',
      tenant_id: owner.id,
    });
    expect(audit.changes.balance).toEqual({ before: '0', after: '25.125' });
    expect(audit.changes.amount).toEqual({ before: null, after: '25.125' });
  });

  it('answers a replay with the original entry and 200, changing nothing; other content is 409', async () => {
    const account = await createAccount(kit, owner);
    const body = { amount: '10', idempotencyKey: 'replayed-key', reference: 'r-1' };
    const first = await post(ownerToken, account.id, 'top-ups', body);
    const replay = await post(ownerToken, account.id, 'top-ups', body);
    expect(first.status).toBe(201);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    const conflicting = await post(ownerToken, account.id, 'top-ups', { ...body, amount: '11' });
    expect(conflicting.status).toBe(409);
    expect(conflicting.body.errors).toEqual([{ field: 'idempotencyKey', reason: expect.any(String) }]);
    const otherKind = await post(ownerToken, account.id, 'adjustments', {
      amount: '10',
      reason: 'same key, other verb',
      idempotencyKey: 'replayed-key',
    });
    expect(otherKind.status).toBe(409);
    expect((await balanceOf(ownerToken, account.id)).amount).toBe('10');
    const ledger = await kit.request('GET', `/accounts/${account.id}/ledger`, { token: ownerToken });
    expect(ledger.body.data).toHaveLength(1);
    const audits = await kit.dataSource.query(`SELECT 1 FROM audit_log WHERE entity_id = $1`, [
      first.body.id,
    ]);
    expect(audits).toHaveLength(1);
  });

  it('keeps idempotency keys apart per account: the same key on another account is a new entry', async () => {
    const first = await createAccount(kit, owner);
    const second = await createAccount(kit, resellerA);
    const body = { amount: '3', idempotencyKey: 'shared-key' };
    expect((await post(ownerToken, first.id, 'top-ups', body)).status).toBe(201);
    expect((await post(tokenA, second.id, 'top-ups', body)).status).toBe(201);
    expect((await balanceOf(tokenA, second.id)).amount).toBe('3');
  });

  it('names each bad field with 400, rejects unknown fields, and writes nothing', async () => {
    const account = await createAccount(kit, owner);
    const bad = await post(ownerToken, account.id, 'top-ups', {
      amount: 12.5,
      idempotencyKey: '',
      currency: 'eur',
      tip: '1',
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['amount', 'idempotencyKey', 'currency']));
    expect(JSON.stringify(bad.body.errors)).toContain('tip');
    for (const amount of ['0', '-5', '1.1234567', 'ten']) {
      const response = await post(ownerToken, account.id, 'top-ups', { amount, idempotencyKey: key() });
      expect(response.status, amount).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['amount']);
    }
    const zeroAdjustment = await post(ownerToken, account.id, 'adjustments', {
      amount: '-0',
      idempotencyKey: key(),
    });
    expect(zeroAdjustment.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['amount', 'reason']),
    );
    const negativeRefund = await post(ownerToken, account.id, 'refunds', {
      amount: '-1',
      reason: 'x',
      idempotencyKey: key(),
    });
    expect(negativeRefund.body.errors.map((e: { field: string }) => e.field)).toEqual(['amount']);
    const badId = await kit.request('POST', '/accounts/not-a-uuid/top-ups', {
      token: ownerToken,
      body: { amount: '1', idempotencyKey: key() },
    });
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0].field).toBe('id');
    expect(await kit.dataSource.getRepository(Balance).countBy({ accountId: account.id })).toBe(0);
  });

  it("refuses a currency other than the account's with 422 naming currency", async () => {
    const account = await createAccount(kit, owner, { currency: 'USD' });
    const wrong = await post(ownerToken, account.id, 'top-ups', {
      amount: '5',
      currency: 'EUR',
      idempotencyKey: key(),
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].field).toBe('currency');
    const right = await post(ownerToken, account.id, 'top-ups', {
      amount: '5',
      currency: 'USD',
      idempotencyKey: key(),
    });
    expect(right.status).toBe(201);
    expect(right.body.currency).toBe('USD');

    const drifted = await createAccount(kit, owner, { currency: 'GBP' });
    await kit.dataSource
      .getRepository(Balance)
      .insert({ tenantId: owner.id, accountId: drifted.id, currency: 'EUR', amount: '0' as never });
    const refused = await post(ownerToken, drifted.id, 'top-ups', { amount: '5', idempotencyKey: key() });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('currency');
  });

  it('adjusts either way, keeping the reason as the description', async () => {
    const account = await createAccount(kit, owner);
    const credit = await post(ownerToken, account.id, 'adjustments', {
      amount: '5',
      reason: 'goodwill',
      idempotencyKey: key(),
    });
    expect(credit.status).toBe(201);
    expect(credit.body).toMatchObject({ kind: 'adjustment', amount: '5', description: 'goodwill' });
    const debit = await post(ownerToken, account.id, 'adjustments', {
      amount: '-7.5',
      reason: 'missed charge',
      idempotencyKey: key(),
    });
    expect(debit.body.amount).toBe('-7.5');
    // Adjustments correct mistakes, so they may take a prepaid balance below zero.
    expect((await balanceOf(ownerToken, account.id)).amount).toBe('-2.5');
  });

  it('refunds as a negative entry, but never more than a prepaid account has', async () => {
    const account = await createAccount(kit, owner);
    await post(ownerToken, account.id, 'top-ups', { amount: '10', idempotencyKey: key() });
    const tooMuch = await post(ownerToken, account.id, 'refunds', {
      amount: '10.000001',
      reason: 'cancelled',
      idempotencyKey: key(),
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors[0].field).toBe('amount');
    const all = await post(ownerToken, account.id, 'refunds', {
      amount: '10',
      reason: 'cancelled',
      idempotencyKey: 'refund-1',
    });
    expect(all.status).toBe(201);
    expect(all.body).toMatchObject({ kind: 'refund', amount: '-10', description: 'cancelled' });
    expect((await balanceOf(ownerToken, account.id)).amount).toBe('0');
    // A replay of an applied refund is still answered, although it could not be applied now.
    const replay = await post(ownerToken, account.id, 'refunds', {
      amount: '10',
      reason: 'cancelled',
      idempotencyKey: 'refund-1',
    });
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(all.body.id);
  });

  it('lets a postpaid refund use the credit limit, and no further', async () => {
    const account = await createAccount(kit, owner, { billingType: BillingType.Postpaid, creditLimit: '50' });
    expect(await balanceOf(ownerToken, account.id)).toMatchObject({
      amount: '0',
      creditLimit: '50',
      available: '50',
      billingType: 'postpaid',
      updatedAt: null,
    });
    const within = await post(ownerToken, account.id, 'refunds', {
      amount: '50',
      reason: 'returned deposit',
      idempotencyKey: key(),
    });
    expect(within.status).toBe(201);
    const beyond = await post(ownerToken, account.id, 'refunds', {
      amount: '0.000001',
      reason: 'one micro-unit too far',
      idempotencyKey: key(),
    });
    expect(beyond.status).toBe(422);
    const balance = await balanceOf(ownerToken, account.id);
    expect(balance).toMatchObject({ amount: '-50', available: '0' });
    expect(balance.updatedAt).toEqual(expect.any(String));
  });

  it('reads the balance of an account that has none yet as zero, without creating it', async () => {
    const account = await createAccount(kit, owner, { currency: 'CHF' });
    expect(await balanceOf(ownerToken, account.id)).toMatchObject({
      amount: '0',
      currency: 'CHF',
      available: '0',
      updatedAt: null,
    });
    expect(await kit.dataSource.getRepository(Balance).countBy({ accountId: account.id })).toBe(0);
  });

  it('adds to a balance row that the accounts module created', async () => {
    const account = await createAccount(kit, owner);
    await kit.dataSource
      .getRepository(Balance)
      .insert({ tenantId: owner.id, accountId: account.id, currency: 'EUR', amount: '0' as never });
    await post(ownerToken, account.id, 'top-ups', { amount: '4.5', idempotencyKey: key() });
    const rows = await kit.dataSource.getRepository(Balance).findBy({ accountId: account.id });
    expect(rows.map((row) => row.amount.toFixed())).toEqual(['4.5']);
  });

  it('refuses a posting the balance column cannot hold with 422 naming amount', async () => {
    const account = await createAccount(kit, owner);
    const huge = '99999999999999.999999';
    expect(
      (await post(ownerToken, account.id, 'top-ups', { amount: huge, idempotencyKey: key() })).status,
    ).toBe(201);
    const overflow = await post(ownerToken, account.id, 'top-ups', { amount: '1', idempotencyKey: key() });
    expect(overflow.status).toBe(422);
    expect(overflow.body.errors[0].field).toBe('amount');
    expect((await balanceOf(ownerToken, account.id)).amount).toBe(huge);
  });

  it('pages the ledger newest first with a cursor, and filters by kind and time', async () => {
    const account = await createAccount(kit, owner);
    const ids: string[] = [];
    for (const [verb, amount] of [
      ['top-ups', '1'],
      ['adjustments', '2'],
      ['top-ups', '3'],
      ['adjustments', '-4'],
      ['top-ups', '5'],
    ] as const) {
      const response = await post(ownerToken, account.id, verb, {
        amount,
        idempotencyKey: key(),
        ...(verb === 'adjustments' ? { reason: 'test' } : {}),
      });
      ids.push(response.body.id);
    }
    const url = `/accounts/${account.id}/ledger`;
    const first = await kit.request('GET', `${url}?limit=2`, { token: ownerToken });
    const second = await kit.request('GET', `${url}?limit=2&cursor=${first.body.nextCursor}`, {
      token: ownerToken,
    });
    const third = await kit.request('GET', `${url}?limit=2&cursor=${second.body.nextCursor}`, {
      token: ownerToken,
    });
    const pagedIds = [...first.body.data, ...second.body.data, ...third.body.data].map(
      (entry: { id: string }) => entry.id,
    );
    expect(pagedIds).toEqual([...ids].reverse());
    expect(third.body.nextCursor).toBeNull();
    const ascending = await kit.request('GET', `${url}?order=asc`, { token: ownerToken });
    expect(ascending.body.data.map((e: { amount: string }) => e.amount)).toEqual(['1', '2', '3', '-4', '5']);
    const topUps = await kit.request('GET', `${url}?kind=top_up`, { token: ownerToken });
    expect(topUps.body.data.map((e: { amount: string }) => e.amount)).toEqual(['5', '3', '1']);
    const all = ascending.body.data as Array<{ createdAt: string }>;
    const window = await kit.request(
      'GET',
      `${url}?order=asc&from=${encodeURIComponent(all[1]!.createdAt)}&to=${encodeURIComponent(all[3]!.createdAt)}`,
      { token: ownerToken },
    );
    expect(window.body.data.map((e: { amount: string }) => e.amount)).toEqual(['2', '3']);
    const badRange = await kit.request('GET', `${url}?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z`, {
      token: ownerToken,
    });
    expect(badRange.status).toBe(400);
    expect(badRange.body.errors[0].field).toBe('to');
    const badKind = await kit.request('GET', `${url}?kind=gift`, { token: ownerToken });
    expect(badKind.body.errors[0].field).toBe('kind');
  });

  it("hides another reseller's account: 404 on every ledger route, whatever the body, and nothing written", async () => {
    const account = await createAccount(kit, resellerA);
    await post(tokenA, account.id, 'top-ups', { amount: '8', idempotencyKey: key() });
    for (const verb of ['top-ups', 'adjustments', 'refunds']) {
      expect((await post(tokenB, account.id, verb, {})).status, verb).toBe(404);
      expect(
        (await post(tokenB, account.id, verb, { amount: '1', reason: 'x', idempotencyKey: key() })).status,
        verb,
      ).toBe(404);
    }
    expect((await kit.request('GET', `/accounts/${account.id}/ledger`, { token: tokenB })).status).toBe(404);
    expect((await kit.request('GET', `/accounts/${account.id}/balance`, { token: tokenB })).status).toBe(404);
    expect((await post(tokenA, randomUUID(), 'top-ups', {})).status).toBe(404);
    expect((await balanceOf(tokenA, account.id)).amount).toBe('8');
    // The owner sees and credits every account below it.
    expect(
      (await post(ownerToken, account.id, 'top-ups', { amount: '2', idempotencyKey: key() })).status,
    ).toBe(201);
    expect((await balanceOf(tokenA, account.id)).amount).toBe('10');
  });

  it('needs the billing permission to post, and read to look', async () => {
    const account = await createAccount(kit, owner);
    const readOnly = await loginAs(kit, owner, UserRole.ReadOnly);
    const billing = await loginAs(kit, owner, UserRole.Billing);
    expect((await post(readOnly, account.id, 'top-ups', { amount: '1', idempotencyKey: key() })).status).toBe(
      403,
    );
    expect((await post(billing, account.id, 'top-ups', { amount: '1', idempotencyKey: key() })).status).toBe(
      201,
    );
    expect((await kit.request('GET', `/accounts/${account.id}/ledger`, { token: readOnly })).status).toBe(
      200,
    );
    expect((await balanceOf(readOnly, account.id)).amount).toBe('1');
  });

  it('lets end users read their own ledger and balance, but never post or see another account', async () => {
    const own = await createAccount(kit, owner);
    const other = await createAccount(kit, owner);
    await post(ownerToken, own.id, 'top-ups', { amount: '9', idempotencyKey: key() });
    // Even an end user with the admin role (all permissions) cannot move money.
    const endUser = await loginAs(kit, owner, UserRole.Admin, own.id);
    expect((await balanceOf(endUser, own.id)).amount).toBe('9');
    const ledger = await kit.request('GET', `/accounts/${own.id}/ledger`, { token: endUser });
    expect(ledger.body.data.map((e: { amount: string }) => e.amount)).toEqual(['9']);
    const posting = await post(endUser, own.id, 'top-ups', { amount: '1000', idempotencyKey: key() });
    expect(posting.status).toBe(403);
    expect((await kit.request('GET', `/accounts/${other.id}/balance`, { token: endUser })).status).toBe(404);
    expect((await post(endUser, other.id, 'top-ups', { amount: '1', idempotencyKey: key() })).status).toBe(
      404,
    );
    expect((await balanceOf(endUser, own.id)).amount).toBe('9');
  });

  it('records an API key as the author of its postings', async () => {
    const account = await createAccount(kit, owner);
    const { key: apiKey, prefix, secretHash } = newApiKey();
    const row = await kit.dataSource.getRepository(ApiKey).save({
      tenantId: owner.id,
      name: 'payments',
      prefix,
      secretHash,
      permissions: ['read', 'billing'],
    });
    const response = await post(apiKey, account.id, 'top-ups', { amount: '1', idempotencyKey: key() });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ createdByApiKeyId: row.id, createdByUserId: null });
    const [audit] = await kit.dataSource.query(
      `SELECT actor_api_key_id FROM audit_log WHERE entity_id = $1`,
      [response.body.id],
    );
    expect(audit.actor_api_key_id).toBe(row.id);
  });

  it('keeps every balance equal to the sum of its ledger after all of the above', async () => {
    const rows = await ledgerSumsAndBalances(kit);
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row.balance, row.party).toBe(row.ledger);
  });
});
