import { UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

describe('call quotes: what a call of an account would cost on its plan', () => {
  let kit: ApiTestKit;
  let reseller = '';
  let endUser = '';
  let otherEndUser = '';
  let stranger = '';
  const ids = { account: '', planless: '' };

  const created = async (url: string, body: object, token = reseller) => {
    const response = await kit.request('POST', url, { token, body });
    if (response.status !== 201)
      throw new Error(`${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return (response.body as { id: string }).id;
  };
  const quote = (accountId: string, token: string, query = 'destination=%2B33612345678&durationSeconds=39') =>
    kit.request('GET', `/accounts/${accountId}/call-quote?${query}`, { token });

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const { tenant: owner } = await kit.createTenant('Quote Owner');
    const { tenant, user } = await kit.createTenant('Quote Reseller', owner);
    reseller = await kit.login(user.email);
    stranger = await kit.login((await kit.createTenant('Quote Stranger', owner)).user.email);
    const card = await created('/rate-cards', { name: 'Retail', kind: 'sell', currency: 'EUR' });
    await created(`/rate-cards/${card}/rates`, {
      prefix: '336',
      destination: 'France mobile',
      pricePerMinute: '0.0900',
      connectFee: '0.0100',
      firstInterval: 30,
      nextInterval: 6,
      roundingMode: 'half_up',
      roundingDecimals: 4,
      effectiveFrom: '2020-01-01T00:00:00.000Z',
    });
    const plan = await created('/service-plans', { name: 'Plan', sellRateCardId: card });
    ids.account = await created('/accounts', {
      code: 'Q-1',
      name: 'Quoted',
      currency: 'EUR',
      servicePlanId: plan,
    });
    ids.planless = await created('/accounts', { code: 'Q-2', name: 'Planless', currency: 'EUR' });
    const holder = await kit.createUser(
      tenant,
      UserRole.Admin,
      `quote-holder-${Date.now()}@example.test`,
      ids.account,
    );
    endUser = await kit.login(holder.email);
    const other = await kit.createUser(
      tenant,
      UserRole.Admin,
      `quote-other-${Date.now()}@example.test`,
      ids.planless,
    );
    otherEndUser = await kit.login(other.email);
  });
  afterAll(async () => kit?.close());

  it("prices a call for the account's own end user, who cannot read the card itself", async () => {
    const response = await quote(ids.account, endUser);
    expect(response.status).toBe(200);
    // 39 s on 30/6 pulses bill 42 s: 42 × 0.09 / 60 = 0.063, plus the 0.01 connect fee.
    expect(response.body).toMatchObject({
      destination: '33612345678',
      billedSeconds: 42,
      rate: { prefix: '336', destination: 'France mobile' },
      total: '0.0730',
    });
    expect((response.body as { levels: object[] }).levels).toEqual([
      expect.objectContaining({ kind: 'customer', partyId: ids.account, price: '0.073', billedSeconds: 42 }),
    ]);
    const card = (response.body as { rateCardId: string }).rateCardId;
    expect((await kit.request('GET', `/rate-cards/${card}`, { token: endUser })).status).toBe(404);
  });

  it('answers the reseller too, with its own level, and 404 to anyone outside the account', async () => {
    const answer = await quote(ids.account, reseller);
    expect(answer.status).toBe(200);
    // The reseller has no buy card from its parent: its level is shown unpriced, with the reason.
    expect((answer.body as { levels: object[] }).levels).toEqual([
      expect.objectContaining({ kind: 'customer', price: '0.073' }),
      expect.objectContaining({
        kind: 'reseller',
        price: null,
        problem: expect.stringMatching(/no buy rate card/),
      }),
    ]);
    expect((await quote(ids.account, otherEndUser)).status).toBe(404);
    expect((await quote(ids.account, stranger)).status).toBe(404);
  });

  it('answers 422 without a plan or a matching rate, 400 naming a missing field', async () => {
    const planless = await quote(ids.planless, otherEndUser);
    expect(planless.status).toBe(422);
    expect(JSON.stringify(planless.body)).toContain('servicePlanId');
    expect((await quote(ids.account, endUser, 'destination=4420&durationSeconds=60')).status).toBe(422);
    const missing = await quote(ids.account, endUser, 'destination=336');
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('durationSeconds');
  });
});
