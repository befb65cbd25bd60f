import { UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

describe('rates of a rate card', () => {
  let kit: ApiTestKit;
  let ownerToken: string;
  let tokenA: string;
  let tokenB: string;
  let cardId: string;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const owner = await kit.createTenant('Rates Owner');
    ownerToken = await kit.login(owner.user.email);
    tokenA = await kit.login((await kit.createTenant('Rates Reseller A', owner.tenant)).user.email);
    tokenB = await kit.login((await kit.createTenant('Rates Reseller B', owner.tenant)).user.email);
    cardId = await newCard(ownerToken, 'Rates Main');
  });
  afterAll(async () => kit?.close());

  async function newCard(token: string, name: string): Promise<string> {
    const response = await kit.request('POST', '/rate-cards', {
      token,
      body: { name, kind: 'sell', currency: 'EUR' },
    });
    return response.body.id;
  }

  const rate = (overrides: Record<string, unknown> = {}) => ({
    prefix: '44',
    destination: 'United Kingdom',
    pricePerMinute: '0.0125',
    firstInterval: 60,
    nextInterval: 60,
    roundingMode: 'half_up',
    roundingDecimals: 4,
    ...overrides,
  });
  const addRate = (card: string, body: unknown, token = ownerToken) =>
    kit.request('POST', `/rate-cards/${card}/rates`, { token, body });
  const fields = (response: { body: { errors?: Array<{ field: string }> } }) =>
    (response.body.errors ?? []).map((error) => error.field);
  const rateCount = async (card: string) =>
    (await kit.dataSource.query(`SELECT count(*)::int AS n FROM rates WHERE rate_card_id = $1`, [card]))[0].n;

  it('adds a rate with its defaults and exact prices, and reads it back', async () => {
    const before = Date.now();
    const response = await addRate(
      cardId,
      rate({ prefix: '4420', pricePerMinute: '0.01250001', connectFee: '0.1' }),
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      rateCardId: cardId,
      prefix: '4420',
      destination: 'United Kingdom',
      pricePerMinute: '0.01250001',
      connectFee: '0.1',
      minCharge: '0',
      freeSeconds: 0,
      noChargeBelowSeconds: 0,
      roundingMode: 'half_up',
      roundingDecimals: 4,
      effectiveTo: null,
      periodId: null,
    });
    const effectiveFrom = Date.parse(response.body.effectiveFrom);
    expect(effectiveFrom).toBeGreaterThanOrEqual(before - 1);
    expect(effectiveFrom).toBeLessThanOrEqual(Date.now());
    const fetched = await kit.request('GET', `/rate-cards/${cardId}/rates/${response.body.id}`, {
      token: ownerToken,
    });
    expect(fetched.body).toEqual(response.body);
    const audit = await kit.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [
      response.body.id,
    ]);
    expect(audit).toEqual([{ action: 'rate.create' }]);
  });

  it('accepts the catch-all prefix and refuses what the rating engine could not rate, naming each field', async () => {
    expect((await addRate(cardId, rate({ prefix: '', destination: 'Anywhere' }))).status).toBe(201);
    const before = await rateCount(cardId);
    const response = await addRate(cardId, {
      prefix: '+44',
      destination: '',
      pricePerMinute: 0.5,
      connectFee: '-0.1',
      firstInterval: 0,
      nextInterval: 1.5,
      minCharge: '-1',
      freeSeconds: -1,
      noChargeBelowSeconds: 'five',
      roundingMode: 'half-up',
      roundingDecimals: 7,
      effectiveFrom: 'tomorrow',
      periodId: 'peak',
      surcharge: '1',
    });
    expect(response.status).toBe(400);
    expect(fields(response)).toEqual(
      expect.arrayContaining([
        'prefix',
        'destination',
        'pricePerMinute',
        'connectFee',
        'firstInterval',
        'nextInterval',
        'minCharge',
        'freeSeconds',
        'noChargeBelowSeconds',
        'roundingMode',
        'roundingDecimals',
        'effectiveFrom',
        'periodId',
      ]),
    );
    expect(JSON.stringify(response.body.errors)).toContain('surcharge');
    for (const bad of [
      { prefix: '1234567890123456' },
      { pricePerMinute: '0.123456789' },
      { minCharge: '0.0000001' },
      { nextInterval: 0 },
    ]) {
      const one = await addRate(cardId, rate(bad));
      expect(one.status, JSON.stringify(bad)).toBe(400);
      expect(fields(one)).toEqual(Object.keys(bad));
    }
    expect(await rateCount(cardId)).toBe(before);
  });

  it('refuses an effectiveTo not after effectiveFrom, and a period of another card', async () => {
    const backwards = await addRate(
      cardId,
      rate({ prefix: '45', effectiveFrom: '2030-01-01T00:00:00Z', effectiveTo: '2030-01-01T00:00:00Z' }),
    );
    expect(backwards.status).toBe(400);
    expect(fields(backwards)).toEqual(['effectiveTo']);
    const past = await addRate(cardId, rate({ prefix: '45', effectiveTo: '2001-01-01T00:00:00Z' }));
    expect(fields(past)).toEqual(['effectiveTo']);
    const otherCard = await newCard(ownerToken, 'Rates Other');
    const period = await kit.request('POST', `/rate-cards/${otherCard}/periods`, {
      token: ownerToken,
      body: { name: 'peak' },
    });
    const foreignPeriod = await addRate(cardId, rate({ prefix: '45', periodId: period.body.id }));
    expect(foreignPeriod.status).toBe(400);
    expect(fields(foreignPeriod)).toEqual(['periodId']);
  });

  it('answers 409 for a second rate on the same prefix, period and effectiveFrom, but not for another period or date', async () => {
    const card = await newCard(ownerToken, 'Rates Dup');
    const from = '2030-06-01T00:00:00.000Z';
    expect((await addRate(card, rate({ effectiveFrom: from }))).status).toBe(201);
    const duplicate = await addRate(card, rate({ effectiveFrom: from, pricePerMinute: '0.02' }));
    expect(duplicate.status).toBe(409);
    expect(fields(duplicate)).toEqual(['prefix']);
    expect((await addRate(card, rate({ effectiveFrom: '2030-07-01T00:00:00Z' }))).status).toBe(201);
    const peak = await kit.request('POST', `/rate-cards/${card}/periods`, {
      token: ownerToken,
      body: { name: 'peak' },
    });
    const periodRate = await addRate(card, rate({ effectiveFrom: from, periodId: peak.body.id }));
    expect(periodRate.status).toBe(201);
    expect(periodRate.body.periodId).toBe(peak.body.id);
    expect((await addRate(card, rate({ effectiveFrom: from, periodId: peak.body.id }))).status).toBe(409);
  });

  it('updates a rate, checking the stored window and uniqueness, and deletes it for good', async () => {
    const card = await newCard(ownerToken, 'Rates Edit');
    const first = (await addRate(card, rate({ effectiveFrom: '2030-01-01T00:00:00Z' }))).body;
    const second = (await addRate(card, rate({ effectiveFrom: '2030-02-01T00:00:00Z' }))).body;
    const updated = await kit.request('PATCH', `/rate-cards/${card}/rates/${first.id}`, {
      token: ownerToken,
      body: { pricePerMinute: '0.5', effectiveTo: '2030-02-01T00:00:00Z', roundingMode: 'half_even' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      pricePerMinute: '0.5',
      effectiveTo: '2030-02-01T00:00:00.000Z',
      roundingMode: 'half_even',
    });
    const [entry] = await kit.dataSource.query(
      `SELECT changes FROM audit_log WHERE entity_id = $1 AND action = 'rate.update'`,
      [first.id],
    );
    expect(entry.changes.pricePerMinute).toEqual({ before: '0.0125', after: '0.5' });
    const beforeStart = await kit.request('PATCH', `/rate-cards/${card}/rates/${second.id}`, {
      token: ownerToken,
      body: { effectiveTo: '2030-01-15T00:00:00Z' },
    });
    expect(beforeStart.status).toBe(400);
    expect(fields(beforeStart)).toEqual(['effectiveTo']);
    const clash = await kit.request('PATCH', `/rate-cards/${card}/rates/${second.id}`, {
      token: ownerToken,
      body: { effectiveFrom: '2030-01-01T00:00:00Z' },
    });
    expect(clash.status).toBe(409);
    const unchanged = await kit.request('PATCH', `/rate-cards/${card}/rates/${second.id}`, {
      token: ownerToken,
      body: { destination: 'UK' },
    });
    expect(unchanged.status).toBe(200);
    expect(
      (await kit.request('DELETE', `/rate-cards/${card}/rates/${second.id}`, { token: ownerToken })).status,
    ).toBe(204);
    expect(
      (await kit.request('GET', `/rate-cards/${card}/rates/${second.id}`, { token: ownerToken })).status,
    ).toBe(404);
    expect(await rateCount(card)).toBe(1);
  });

  it('answers 404 for a rate reached through another card', async () => {
    const card = await newCard(ownerToken, 'Rates Path');
    const own = (await addRate(card, rate())).body;
    const other = await newCard(ownerToken, 'Rates Path Other');
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { pricePerMinute: '9' }],
      ['DELETE', undefined],
    ] as const) {
      const response = await kit.request(method, `/rate-cards/${other}/rates/${own.id}`, {
        token: ownerToken,
        body,
      });
      expect(response.status, method).toBe(404);
    }
    const stored = await kit.request('GET', `/rate-cards/${card}/rates/${own.id}`, { token: ownerToken });
    expect(stored.body.pricePerMinute).toBe('0.0125');
  });

  describe('listing', () => {
    let card: string;
    let peakId: string;
    const switchover = '2030-01-01T00:00:00.000Z';

    beforeAll(async () => {
      card = await newCard(ownerToken, 'Rates List');
      peakId = (
        await kit.request('POST', `/rate-cards/${card}/periods`, {
          token: ownerToken,
          body: { name: 'peak' },
        })
      ).body.id;
      const rows = [
        rate({
          prefix: '44',
          destination: 'United Kingdom',
          effectiveFrom: '2020-01-01T00:00:00Z',
          effectiveTo: switchover,
        }),
        rate({
          prefix: '44',
          destination: 'United Kingdom',
          pricePerMinute: '0.02',
          effectiveFrom: switchover,
        }),
        rate({ prefix: '447', destination: 'United Kingdom Mobile', effectiveFrom: '2020-01-01T00:00:00Z' }),
        rate({
          prefix: '4477',
          destination: 'United Kingdom Mobile Vodafone',
          effectiveFrom: '2020-01-01T00:00:00Z',
        }),
        rate({
          prefix: '49',
          destination: 'Germany',
          effectiveFrom: '2020-01-01T00:00:00Z',
          periodId: peakId,
        }),
        rate({ prefix: '33', destination: 'France 50% off', effectiveFrom: '2020-01-01T00:00:00Z' }),
      ];
      const response = await kit.request('POST', `/rate-cards/${card}/rates/bulk`, {
        token: ownerToken,
        body: { rates: rows },
      });
      expect(response.status).toBe(201);
    });

    const list = async (query: string) => {
      const response = await kit.request('GET', `/rate-cards/${card}/rates?${query}`, { token: ownerToken });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.data.map(
        (r: { prefix: string; pricePerMinute: string }) => `${r.prefix}@${r.pricePerMinute}`,
      );
    };

    it('filters by exact prefix, prefix start, destination and period', async () => {
      expect(await list('prefix=44&sort=effectiveFrom')).toEqual(['44@0.0125', '44@0.02']);
      expect(await list('prefixStartsWith=447')).toEqual(['447@0.0125', '4477@0.0125']);
      expect(await list('destination=mobile&sort=destination&order=desc')).toEqual([
        '4477@0.0125',
        '447@0.0125',
      ]);
      expect(await list('destination=50%25')).toEqual(['33@0.0125']);
      expect(await list(`periodId=${peakId}`)).toEqual(['49@0.0125']);
    });

    it('shows the rates in force at an instant, scheduled ones included', async () => {
      expect(await list('prefix=44&activeAt=2025-06-01T00:00:00Z')).toEqual(['44@0.0125']);
      expect(await list(`prefix=44&activeAt=${switchover}`)).toEqual(['44@0.02']);
      expect(await list('activeAt=2019-12-31T23:59:59Z')).toEqual([]);
    });

    it('pages with a cursor in prefix order, and rejects bad filters', async () => {
      const seen: string[] = [];
      let cursor = '';
      do {
        const response = await kit.request(
          'GET',
          `/rate-cards/${card}/rates?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          { token: ownerToken },
        );
        seen.push(...response.body.data.map((r: { prefix: string }) => r.prefix));
        cursor = response.body.nextCursor ?? '';
      } while (cursor);
      expect(seen).toEqual(['33', '44', '44', '447', '4477', '49']);
      const bad = await kit.request(
        'GET',
        `/rate-cards/${card}/rates?prefixStartsWith=4x&activeAt=now&sort=price`,
        {
          token: ownerToken,
        },
      );
      expect(bad.status).toBe(400);
      expect(fields(bad)).toEqual(expect.arrayContaining(['prefixStartsWith', 'activeAt', 'sort']));
    });
  });

  it("keeps a reseller's rates from its sibling: 404 to read or add, even with a bad body, and nothing written", async () => {
    const card = await newCard(tokenB, 'B Deck');
    const own = await addRate(card, rate(), tokenB);
    expect(own.status).toBe(201);
    expect((await kit.request('GET', `/rate-cards/${card}/rates`, { token: tokenA })).status).toBe(404);
    expect(
      (await kit.request('GET', `/rate-cards/${card}/rates/${own.body.id}`, { token: tokenA })).status,
    ).toBe(404);
    expect((await addRate(card, rate({ prefix: '1' }), tokenA)).status).toBe(404);
    expect((await addRate(card, {}, tokenA)).status).toBe(404);
    const bulk = await kit.request('POST', `/rate-cards/${card}/rates/bulk`, {
      token: tokenA,
      body: { rates: [rate({ prefix: '2' })] },
    });
    expect(bulk.status).toBe(404);
    expect(
      (
        await kit.request('PATCH', `/rate-cards/${card}/rates/${own.body.id}`, {
          token: tokenA,
          body: { pricePerMinute: '0' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await kit.request('DELETE', `/rate-cards/${card}/rates/${own.body.id}`, { token: tokenA })).status,
    ).toBe(404);
    expect(await rateCount(card)).toBe(1);
    const ownerView = await kit.request('GET', `/rate-cards/${card}/rates`, { token: ownerToken });
    expect(ownerView.body.data.map((r: { id: string }) => r.id)).toEqual([own.body.id]);
  });

  it('lets a read-only user list rates but not add them', async () => {
    const { tenant, user } = await kit.createTenant('Rates Read Only');
    const admin = await kit.login(user.email);
    const card = await newCard(admin, 'RO Deck');
    const reader = await kit.login(
      (await kit.createUser(tenant, UserRole.ReadOnly, 'rates-ro@example.test')).email,
    );
    expect((await kit.request('GET', `/rate-cards/${card}/rates`, { token: reader })).status).toBe(200);
    expect((await addRate(card, rate(), reader)).status).toBe(403);
    expect(
      (
        await kit.request('POST', `/rate-cards/${card}/rates/bulk`, {
          token: reader,
          body: { rates: [rate()] },
        })
      ).status,
    ).toBe(403);
  });
});
