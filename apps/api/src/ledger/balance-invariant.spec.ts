import { randomUUID } from 'node:crypto';
import { Balance, type Tenant } from '@tollgate/db';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';
import { createAccount, ledgerSumsAndBalances } from './ledger-test-fixtures';

// "A balance is the sum of its ledger": whatever mix of postings, replays and races reaches the API.
describe('ledger invariant under replays and concurrent posts', () => {
  let kit: ApiTestKit;
  let owner: Tenant;
  let reseller: Tenant;
  let token: string;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const setup = await kit.createTenant('Invariant Owner');
    owner = setup.tenant;
    token = await kit.login(setup.user.email);
    reseller = (await kit.createTenant('Invariant Reseller', owner)).tenant;
  });
  afterAll(async () => kit?.close());

  const post = (path: string, body: Record<string, unknown>) => kit.request('POST', path, { token, body });

  async function expectBalancesEqualLedgers(): Promise<void> {
    const rows = await ledgerSumsAndBalances(kit);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.balance, row.party).toBe(row.ledger);
  }

  it('holds after a sequential series of top-ups, adjustments, refunds and replays', async () => {
    const account = await createAccount(kit, owner);
    const path = (verb: string) => `/accounts/${account.id}/${verb}`;
    let expected = new Decimal(0);
    const postings: Array<[string, Record<string, unknown>, string]> = [
      ['top-ups', { amount: '100.000001', idempotencyKey: 's-1' }, '100.000001'],
      ['adjustments', { amount: '-0.333333', reason: 'rounding', idempotencyKey: 's-2' }, '-0.333333'],
      ['refunds', { amount: '20.5', reason: 'unused', idempotencyKey: 's-3' }, '-20.5'],
      ['top-ups', { amount: '0.000001', idempotencyKey: 's-4' }, '0.000001'],
    ];
    for (const [verb, body, effect] of postings) {
      expect((await post(path(verb), body)).status).toBe(201);
      expected = expected.plus(effect);
      // Every posting replayed twice: never applied again.
      expect((await post(path(verb), body)).status).toBe(200);
      expect((await post(path(verb), body)).status).toBe(200);
    }
    const balance = await kit.request('GET', `/accounts/${account.id}/balance`, { token });
    expect(balance.body.amount).toBe(expected.toFixed());
    expect(balance.body.amount).toBe('79.166669');
    await expectBalancesEqualLedgers();
  });

  it('applies concurrent postings on one account exactly once each, the first one included', async () => {
    // No balance row yet: the concurrent first postings must also agree on creating it.
    const account = await createAccount(kit, owner, { currency: 'USD' });
    const amounts = Array.from({ length: 24 }, (_, i) => new Decimal(i + 1).dividedBy(8).toFixed());
    const race = (wave: string) =>
      Promise.all(
        amounts.map((amount, i) =>
          i % 3 === 2
            ? post(`/accounts/${account.id}/adjustments`, {
                amount: `-${amount}`,
                reason: 'race',
                idempotencyKey: `${wave}-${i}`,
              })
            : post(`/accounts/${account.id}/top-ups`, { amount, idempotencyKey: `${wave}-${i}` }),
        ),
      );
    // The second wave races on the existing row, held only by its lock.
    for (const wave of ['first', 'second']) {
      expect((await race(wave)).map((r) => r.status)).toEqual(amounts.map(() => 201));
    }
    const expected = amounts
      .reduce((sum, amount, i) => (i % 3 === 2 ? sum.minus(amount) : sum.plus(amount)), new Decimal(0))
      .times(2);
    const balance = await kit.request('GET', `/accounts/${account.id}/balance`, { token });
    expect(balance.body).toMatchObject({ amount: expected.toFixed(), currency: 'USD' });
    expect(await kit.dataSource.getRepository(Balance).countBy({ accountId: account.id })).toBe(1);
    await expectBalancesEqualLedgers();
  });

  it('answers concurrent replays of one key with a single 201 and the same entry everywhere', async () => {
    const account = await createAccount(kit, owner);
    await post(`/accounts/${account.id}/top-ups`, {
      amount: '0.66',
      idempotencyKey: `before-${randomUUID()}`,
    });
    const body = { amount: '12.34', idempotencyKey: `same-${randomUUID()}` };
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => post(`/accounts/${account.id}/top-ups`, body)),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const balance = await kit.request('GET', `/accounts/${account.id}/balance`, { token });
    expect(balance.body.amount).toBe('13');
    await expectBalancesEqualLedgers();
  });

  it('never lets racing refunds overdraw a prepaid account', async () => {
    const account = await createAccount(kit, owner);
    await post(`/accounts/${account.id}/top-ups`, { amount: '100', idempotencyKey: `r-${randomUUID()}` });
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post(`/accounts/${account.id}/refunds`, { amount: '15', reason: 'race', idempotencyKey: `r-${i}` }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(6);
    expect(statuses.filter((s) => s === 422)).toHaveLength(4);
    const balance = await kit.request('GET', `/accounts/${account.id}/balance`, { token });
    expect(balance.body.amount).toBe('10');
    await expectBalancesEqualLedgers();
  });

  it('holds for a mixed race over several accounts and a reseller, replays included', async () => {
    const accounts = await Promise.all([createAccount(kit, owner), createAccount(kit, reseller)]);
    const requests = [];
    for (let i = 0; i < 30; i++) {
      const account = accounts[i % 2]!;
      const body = { amount: `${(i % 7) + 1}.${i}`, idempotencyKey: `m-${i % 20}` };
      requests.push(post(`/accounts/${account.id}/top-ups`, body));
      if (i % 4 === 0) requests.push(post(`/resellers/${reseller.id}/top-ups`, body));
    }
    const responses = await Promise.all(requests);
    // Keys 0-9 come back with other content on purpose: 409, and nothing applied for them.
    expect(responses.every((r) => [200, 201, 409].includes(r.status))).toBe(true);
    expect(responses.some((r) => r.status === 409)).toBe(true);
    await expectBalancesEqualLedgers();
  });
});
