import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

describe('periods of a rate card', () => {
  let kit: ApiTestKit;
  let token: string;
  let resellerToken: string;
  let cardId: string;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const owner = await kit.createTenant('Period Owner');
    token = await kit.login(owner.user.email);
    resellerToken = await kit.login((await kit.createTenant('Period Reseller', owner.tenant)).user.email);
    cardId = await newCard('Period Card');
  });
  afterAll(async () => kit?.close());

  async function newCard(name: string): Promise<string> {
    return (
      await kit.request('POST', '/rate-cards', { token, body: { name, kind: 'sell', currency: 'EUR' } })
    ).body.id;
  }
  const addPeriod = (card: string, body: unknown, as = token) =>
    kit.request('POST', `/rate-cards/${card}/periods`, { token: as, body });
  const fields = (response: { body: { errors?: Array<{ field: string }> } }) =>
    (response.body.errors ?? []).map((error) => error.field);

  it('creates an all-day period with defaults and a windowed one in HH:MM, weekdays sorted once each', async () => {
    const allDay = await addPeriod(cardId, { name: 'offpeak', position: 9 });
    expect(allDay.status).toBe(201);
    expect(allDay.body).toMatchObject({
      rateCardId: cardId,
      name: 'offpeak',
      position: 9,
      weekdays: [],
      startTime: null,
      endTime: null,
      appliesOnHolidays: 'yes',
    });
    const peak = await addPeriod(cardId, {
      name: 'peak',
      weekdays: [5, 1, 3, 2, 4, 1],
      startTime: '08:00',
      endTime: '24:00',
      appliesOnHolidays: 'no',
    });
    expect(peak.status).toBe(201);
    expect(peak.body).toMatchObject({ weekdays: [1, 2, 3, 4, 5], startTime: '08:00', endTime: '24:00' });
    const fetched = await kit.request('GET', `/rate-cards/${cardId}/periods/${peak.body.id}`, { token });
    expect(fetched.body).toEqual(peak.body);
    const listed = await kit.request('GET', `/rate-cards/${cardId}/periods`, { token });
    expect(listed.body.data.map((p: { name: string }) => p.name)).toEqual(['peak', 'offpeak']);
  });

  it('names every bad field with 400', async () => {
    const response = await addPeriod(cardId, {
      name: '',
      position: -1,
      weekdays: [0, 8],
      startTime: '25:00',
      endTime: '7pm',
      appliesOnHolidays: 'maybe',
      colour: 'blue',
    });
    expect(response.status).toBe(400);
    expect(fields(response)).toEqual(
      expect.arrayContaining([
        'name',
        'position',
        'weekdays.0',
        'weekdays.1',
        'startTime',
        'endTime',
        'appliesOnHolidays',
      ]),
    );
    expect(JSON.stringify(response.body.errors)).toContain('colour');
    const halfWindow = await addPeriod(cardId, { name: 'evening', startTime: '19:00' });
    expect(fields(halfWindow)).toEqual(['endTime']);
    const empty = await addPeriod(cardId, { name: 'evening', startTime: '19:00', endTime: '19:00' });
    expect(fields(empty)).toEqual(['endTime']);
    const startAtMidnightEnd = await addPeriod(cardId, {
      name: 'evening',
      startTime: '24:00',
      endTime: '06:00',
    });
    expect(fields(startAtMidnightEnd)).toEqual(['startTime']);
  });

  it('answers 409 for a name taken on the card, not for one taken on another card', async () => {
    expect((await addPeriod(cardId, { name: 'weekend', weekdays: [6, 7] })).status).toBe(201);
    const duplicate = await addPeriod(cardId, { name: 'weekend' });
    expect(duplicate.status).toBe(409);
    expect(fields(duplicate)).toEqual(['name']);
    expect((await addPeriod(await newCard('Period Card 2'), { name: 'weekend' })).status).toBe(201);
  });

  it('updates a period, checking the window it ends up with', async () => {
    const night = (await addPeriod(cardId, { name: 'night', startTime: '22:00', endTime: '06:00' })).body;
    const moved = await kit.request('PATCH', `/rate-cards/${cardId}/periods/${night.id}`, {
      token,
      body: { startTime: '23:00', appliesOnHolidays: 'only' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ startTime: '23:00', endTime: '06:00', appliesOnHolidays: 'only' });
    const halfCleared = await kit.request('PATCH', `/rate-cards/${cardId}/periods/${night.id}`, {
      token,
      body: { startTime: null },
    });
    expect(halfCleared.status).toBe(400);
    expect(fields(halfCleared)).toEqual(['startTime']);
    const cleared = await kit.request('PATCH', `/rate-cards/${cardId}/periods/${night.id}`, {
      token,
      body: { startTime: null, endTime: null },
    });
    expect(cleared.body).toMatchObject({ startTime: null, endTime: null });
    const [entry] = await kit.dataSource.query(
      `SELECT changes FROM audit_log WHERE entity_id = $1 AND action = 'rate_period.update' ORDER BY created_at LIMIT 1`,
      [night.id],
    );
    expect(entry.changes.appliesOnHolidays).toEqual({ before: 'yes', after: 'only' });
  });

  it('refuses to delete a period while a rate uses it (409), then deletes it', async () => {
    const period = (await addPeriod(cardId, { name: 'lunch', startTime: '12:00', endTime: '14:00' })).body;
    const rate = await kit.request('POST', `/rate-cards/${cardId}/rates`, {
      token,
      body: {
        prefix: '34',
        destination: 'Spain',
        pricePerMinute: '0.01',
        firstInterval: 1,
        nextInterval: 1,
        roundingMode: 'up',
        roundingDecimals: 2,
        periodId: period.id,
      },
    });
    expect(rate.status).toBe(201);
    const refused = await kit.request('DELETE', `/rate-cards/${cardId}/periods/${period.id}`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('1 rate(s)');
    await kit.request('DELETE', `/rate-cards/${cardId}/rates/${rate.body.id}`, { token });
    expect(
      (await kit.request('DELETE', `/rate-cards/${cardId}/periods/${period.id}`, { token })).status,
    ).toBe(204);
    expect((await kit.request('GET', `/rate-cards/${cardId}/periods/${period.id}`, { token })).status).toBe(
      404,
    );
  });

  it("answers 404 for a period reached through another card, or on a card outside the caller's scope", async () => {
    const period = (await addPeriod(cardId, { name: 'dawn' })).body;
    const other = await newCard('Period Other');
    expect((await kit.request('GET', `/rate-cards/${other}/periods/${period.id}`, { token })).status).toBe(
      404,
    );
    expect(
      (
        await kit.request('PATCH', `/rate-cards/${other}/periods/${period.id}`, {
          token,
          body: { name: 'x' },
        })
      ).status,
    ).toBe(404);
    expect((await kit.request('DELETE', `/rate-cards/${other}/periods/${period.id}`, { token })).status).toBe(
      404,
    );
    // A reseller does not see its parent's cards: 404 before the (empty) body is even judged.
    expect((await addPeriod(cardId, {}, resellerToken)).status).toBe(404);
    expect((await kit.request('GET', `/rate-cards/${cardId}/periods`, { token: resellerToken })).status).toBe(
      404,
    );
    expect(
      (await kit.request('GET', `/rate-cards/${cardId}/periods/${period.id}`, { token: resellerToken }))
        .status,
    ).toBe(404);
  });
});
