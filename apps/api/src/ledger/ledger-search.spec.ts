import { randomUUID } from 'node:crypto';
import { type Account, type Tenant, UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';
import { createAccount, loginAs } from './ledger-test-fixtures';

interface Entry {
  id: string;
  accountId: string | null;
  resellerId: string | null;
  kind: string;
  amount: string;
}

// GET /ledger (every entry in the caller's scope) and GET /parent-balance (a reseller's own balance with
// its parent), with an owner, two resellers side by side, a reseller below one of them and an end user.
describe('ledger search and the balance with the parent', () => {
  let kit: ApiTestKit;
  let owner: Tenant;
  let alpha: Tenant;
  let alphaChild: Tenant;
  let beta: Tenant;
  let alphaAccount: Account;
  let betaAccount: Account;
  const tokens = { owner: '', alpha: '', alphaChild: '', beta: '', endUser: '' };
  const ids = { alphaTopUp: '', betaTopUp: '', alphaResellerTopUp: '', childResellerTopUp: '' };

  const post = async (token: string, url: string, amount: string) => {
    const response = await kit.request<{ id: string }>('POST', url, {
      token,
      body: { amount, idempotencyKey: randomUUID() },
    });
    expect(response.status).toBe(201);
    return response.body.id;
  };
  const entries = async (token: string, query = '') => {
    const response = await kit.request<{ data: Entry[] }>('GET', `/ledger?limit=200${query}`, { token });
    expect(response.status).toBe(200);
    return response.body.data;
  };

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const ownerSetup = await kit.createTenant('Ledger Search Owner');
    owner = ownerSetup.tenant;
    tokens.owner = await kit.login(ownerSetup.user.email);
    const alphaSetup = await kit.createTenant('Ledger Search Alpha', owner);
    alpha = alphaSetup.tenant;
    tokens.alpha = await kit.login(alphaSetup.user.email);
    const childSetup = await kit.createTenant('Ledger Search Alpha Child', alpha);
    alphaChild = childSetup.tenant;
    tokens.alphaChild = await kit.login(childSetup.user.email);
    const betaSetup = await kit.createTenant('Ledger Search Beta', owner);
    beta = betaSetup.tenant;
    tokens.beta = await kit.login(betaSetup.user.email);
    alphaAccount = await createAccount(kit, alpha, { currency: 'USD' });
    betaAccount = await createAccount(kit, beta, { currency: 'USD' });
    tokens.endUser = await loginAs(kit, alpha, UserRole.Admin, alphaAccount.id);

    ids.alphaTopUp = await post(tokens.alpha, `/accounts/${alphaAccount.id}/top-ups`, '12.5');
    ids.betaTopUp = await post(tokens.beta, `/accounts/${betaAccount.id}/top-ups`, '7');
    ids.alphaResellerTopUp = await post(tokens.owner, `/resellers/${alpha.id}/top-ups`, '300');
    ids.childResellerTopUp = await post(tokens.alpha, `/resellers/${alphaChild.id}/top-ups`, '40');
  });
  afterAll(async () => kit?.close());

  it('shows the owner every entry below it, newest first', async () => {
    const seen = (await entries(tokens.owner)).map((entry) => entry.id);
    expect(seen).toEqual([ids.childResellerTopUp, ids.alphaResellerTopUp, ids.betaTopUp, ids.alphaTopUp]);
  });

  it("shows a reseller its accounts' entries and its sub-resellers' balances, never its own with its parent nor a sibling's", async () => {
    const seen = (await entries(tokens.alpha)).map((entry) => entry.id);
    expect(seen).toEqual([ids.childResellerTopUp, ids.alphaTopUp]);
    expect((await entries(tokens.beta)).map((entry) => entry.id)).toEqual([ids.betaTopUp]);
    expect((await entries(tokens.endUser)).map((entry) => entry.id)).toEqual([ids.alphaTopUp]);
  });

  it("filters by account, reseller, kind and time; another tenant's party is not found", async () => {
    expect((await entries(tokens.owner, `&accountId=${betaAccount.id}`)).map((e) => e.id)).toEqual([
      ids.betaTopUp,
    ]);
    expect((await entries(tokens.owner, `&resellerId=${alpha.id}`)).map((e) => e.id)).toEqual([
      ids.alphaResellerTopUp,
    ]);
    expect(await entries(tokens.owner, '&kind=call_charge')).toEqual([]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(await entries(tokens.owner, `&from=${encodeURIComponent(future)}`)).toEqual([]);
    const foreign = await kit.request('GET', `/ledger?accountId=${betaAccount.id}`, { token: tokens.alpha });
    expect(foreign.status).toBe(404);
    const ownParent = await kit.request('GET', `/ledger?resellerId=${alpha.id}`, { token: tokens.alpha });
    expect(ownParent.status).toBe(404);
    const both = await kit.request(
      'GET',
      `/ledger?accountId=${alphaAccount.id}&resellerId=${alphaChild.id}`,
      {
        token: tokens.owner,
      },
    );
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([expect.objectContaining({ field: 'resellerId' })]);
  });

  it('lets a reseller read its own balance with its parent and that ledger, and nobody else’s', async () => {
    const balance = await kit.request('GET', '/parent-balance', { token: tokens.alpha });
    expect(balance.status).toBe(200);
    expect(balance.body).toMatchObject({ resellerId: alpha.id, amount: '300', available: '300' });
    const ledger = await kit.request<{ data: Entry[] }>('GET', '/parent-balance/ledger', {
      token: tokens.alpha,
    });
    expect(ledger.body.data.map((entry) => entry.id)).toEqual([ids.alphaResellerTopUp]);
    const child = await kit.request('GET', '/parent-balance', { token: tokens.alphaChild });
    expect(child.body).toMatchObject({ resellerId: alphaChild.id, amount: '40' });
    const betaBalance = await kit.request('GET', '/parent-balance', { token: tokens.beta });
    expect(betaBalance.body).toMatchObject({ resellerId: beta.id, amount: '0', updatedAt: null });
    const betaLedger = await kit.request<{ data: Entry[] }>('GET', '/parent-balance/ledger', {
      token: tokens.beta,
    });
    expect(betaLedger.body.data).toEqual([]);
    expect((await kit.request('GET', '/parent-balance', { token: tokens.owner })).status).toBe(404);
    expect((await kit.request('GET', '/parent-balance', { token: tokens.endUser })).status).toBe(404);
    expect((await kit.request('GET', '/parent-balance/ledger', { token: tokens.endUser })).status).toBe(404);
  });

  it("sums an account's ledger by kind over a period, exactly, for whoever may read that ledger", async () => {
    await kit.request('POST', `/accounts/${alphaAccount.id}/adjustments`, {
      token: tokens.alpha,
      body: { amount: '-0.000001', reason: 'rounding', idempotencyKey: randomUUID() },
    });
    await kit.request('POST', `/accounts/${alphaAccount.id}/adjustments`, {
      token: tokens.alpha,
      body: { amount: '-2.1', reason: 'goodwill reversed', idempotencyKey: randomUUID() },
    });
    const totals = await kit.request('GET', `/accounts/${alphaAccount.id}/ledger-totals`, {
      token: tokens.endUser,
    });
    expect(totals.status).toBe(200);
    expect(totals.body).toEqual({
      accountId: alphaAccount.id,
      currency: 'USD',
      from: null,
      to: null,
      totals: [
        { kind: 'top_up', amount: '12.5', entries: 1 },
        { kind: 'adjustment', amount: '-2.100001', entries: 2 },
      ],
    });
    const future = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
    const later = await kit.request('GET', `/accounts/${alphaAccount.id}/ledger-totals?from=${future}`, {
      token: tokens.alpha,
    });
    expect(later.body.totals).toEqual([]);
    const backwards = await kit.request(
      'GET',
      `/accounts/${alphaAccount.id}/ledger-totals?from=${future}&to=${encodeURIComponent(new Date().toISOString())}`,
      { token: tokens.alpha },
    );
    expect(backwards.status).toBe(400);
    expect(
      (await kit.request('GET', `/accounts/${alphaAccount.id}/ledger-totals`, { token: tokens.beta })).status,
    ).toBe(404);
    expect(
      (await kit.request('GET', `/accounts/${betaAccount.id}/ledger-totals`, { token: tokens.endUser }))
        .status,
    ).toBe(404);
  });
});
