import { Rate, RoundingMode } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

// Every expected figure below is worked out by hand from the rate, not read from the engine.
describe('quoting a call on a stored rate card', () => {
  let kit: ApiTestKit;
  let token: string;
  let resellerToken: string;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const owner = await kit.createTenant('Quote Owner');
    token = await kit.login(owner.user.email);
    resellerToken = await kit.login((await kit.createTenant('Quote Reseller', owner.tenant)).user.email);
  });
  afterAll(async () => kit?.close());

  async function newCard(name: string, timezone = 'UTC'): Promise<string> {
    const response = await kit.request('POST', '/rate-cards', {
      token,
      body: { name, kind: 'sell', currency: 'EUR', timezone },
    });
    return response.body.id;
  }
  async function addRates(card: string, rates: Array<Record<string, unknown>>): Promise<void> {
    const response = await kit.request('POST', `/rate-cards/${card}/rates/bulk`, {
      token,
      body: {
        rates: rates.map((rate) => ({
          destination: `Prefix ${String(rate.prefix)}`,
          roundingMode: 'half_up',
          roundingDecimals: 2,
          effectiveFrom: '2020-01-01T00:00:00Z',
          ...rate,
        })),
      },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  }
  const quote = (card: string, query: string, as = token) =>
    kit.request('GET', `/rate-cards/${card}/quote?${query}`, { token: as });

  describe('pulses, fees, thresholds and rounding', () => {
    let card: string;

    beforeAll(async () => {
      card = await newCard('Quote Deck');
      await addRates(card, [
        { prefix: '44', pricePerMinute: '0.60', firstInterval: 30, nextInterval: 6 },
        { prefix: '447', pricePerMinute: '1.20', connectFee: '0.05', firstInterval: 60, nextInterval: 1 },
        { prefix: '4479', pricePerMinute: '0.07', firstInterval: 1, nextInterval: 1, roundingMode: 'up' },
        {
          prefix: '4470',
          pricePerMinute: '0.60',
          connectFee: '0.05',
          minCharge: '0.50',
          noChargeBelowSeconds: 5,
          firstInterval: 1,
          nextInterval: 1,
        },
        { prefix: '4471', pricePerMinute: '0.60', freeSeconds: 10, firstInterval: 30, nextInterval: 6 },
      ]);
    });

    it('bills a 39 s call on 30/6 as 42 s: 42 × 0.01 = 0.42', async () => {
      const response = await quote(
        card,
        'destination=442071234567&durationSeconds=39&startedAt=2026-03-02T10:00:00Z',
      );
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toMatchObject({
        rateCardId: card,
        currency: 'EUR',
        destination: '442071234567',
        startedAt: '2026-03-02T10:00:00.000Z',
        timeZone: 'UTC',
        durationSeconds: 39,
        rate: {
          prefix: '44',
          destination: 'Prefix 44',
          period: null,
          pricePerMinute: '0.6',
          firstInterval: 30,
          nextInterval: 6,
          roundingMode: 'half_up',
          roundingDecimals: 2,
        },
        answered: true,
        belowNoCharge: false,
        freeSeconds: 0,
        chargeableSeconds: 39,
        billedSeconds: 42,
        connectFee: '0',
        timeCharge: '0.42',
        minChargeApplied: false,
        unrounded: '0.42',
        total: '0.42',
      });
      expect(response.body.parts).toEqual([
        {
          rateId: response.body.rate.id,
          period: null,
          fromSecond: 0,
          billedSeconds: 42,
          pricePerMinute: '0.6',
          amount: '0.42',
        },
      ]);
      const short = await quote(card, 'destination=442071234567&durationSeconds=12');
      expect(short.body).toMatchObject({ billedSeconds: 30, total: '0.30' });
      const unanswered = await quote(card, 'destination=442071234567&durationSeconds=0');
      expect(unanswered.body).toMatchObject({ answered: false, billedSeconds: 0, total: '0.00' });
    });

    it('takes the longest prefix and adds its connect fee: 61 s on 60/1 at 1.20 = 1.22 + 0.05 = 1.27', async () => {
      const response = await quote(
        card,
        `destination=${encodeURIComponent('+44 7700 900123')}&durationSeconds=61`,
      );
      expect(response.body).toMatchObject({
        destination: '447700900123',
        rate: { prefix: '447' },
        billedSeconds: 61,
        connectFee: '0.05',
        timeCharge: '1.22',
        total: '1.27',
      });
    });

    it('rounds once, up, the unrounded 0.07 / 60 of a 1 s call to 0.01', async () => {
      const response = await quote(card, 'destination=447912345678&durationSeconds=1');
      expect(response.body.unrounded.startsWith('0.0011666666')).toBe(true);
      expect(response.body).toMatchObject({
        rate: { prefix: '4479', roundingMode: 'up' },
        billedSeconds: 1,
        total: '0.01',
      });
    });

    it('charges nothing below the no-charge threshold and the minimum at it', async () => {
      const below = await quote(card, 'destination=447012345678&durationSeconds=4');
      expect(below.body).toMatchObject({
        belowNoCharge: true,
        connectFee: '0',
        billedSeconds: 0,
        total: '0.00',
      });
      const at = await quote(card, 'destination=447012345678&durationSeconds=5');
      // max(0.05 connect + 5 × 0.01, 0.50 minimum) = 0.50
      expect(at.body).toMatchObject({
        billedSeconds: 5,
        minChargeApplied: true,
        unrounded: '0.5',
        total: '0.50',
      });
    });

    it('pulses what remains after the free seconds: 41 s − 10 free = 31 s, billed 36 s = 0.36', async () => {
      const response = await quote(card, 'destination=447112345678&durationSeconds=41');
      expect(response.body).toMatchObject({
        freeSeconds: 10,
        chargeableSeconds: 31,
        billedSeconds: 36,
        total: '0.36',
      });
      expect(response.body.parts[0]).toMatchObject({ fromSecond: 10, billedSeconds: 36 });
    });

    it('answers 422 naming the destination when no rate matches or it is no number, and 400 without a duration', async () => {
      for (const destination of ['33123456789', 'sip:alice@example.com']) {
        const response = await quote(
          card,
          `destination=${encodeURIComponent(destination)}&durationSeconds=10`,
        );
        expect(response.status, destination).toBe(422);
        expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['destination']);
      }
      const missing = await quote(card, 'destination=44&startedAt=yesterday&timeZone=Mars/Base');
      expect(missing.status).toBe(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['durationSeconds', 'startedAt', 'timeZone']),
      );
    });
  });

  describe('periods, holidays and the time zone', () => {
    let card: string;

    beforeAll(async () => {
      card = await newCard('Quote Peak', 'Europe/London');
      const period = async (body: Record<string, unknown>) =>
        (await kit.request('POST', `/rate-cards/${card}/periods`, { token, body })).body.id as string;
      const holiday = await period({ name: 'holiday', position: 0, appliesOnHolidays: 'only' });
      const peak = await period({
        name: 'peak',
        position: 1,
        weekdays: [1, 2, 3, 4, 5],
        startTime: '08:00',
        endTime: '19:00',
      });
      const offpeak = await period({ name: 'offpeak', position: 2 });
      await addRates(card, [
        {
          prefix: '44',
          periodId: peak,
          pricePerMinute: '0.12',
          connectFee: '0.02',
          firstInterval: 60,
          nextInterval: 60,
        },
        { prefix: '44', periodId: offpeak, pricePerMinute: '0.06', firstInterval: 1, nextInterval: 1 },
        { prefix: '44', periodId: holiday, pricePerMinute: '0.03', firstInterval: 1, nextInterval: 1 },
      ]);
    });

    it('splits a call across peak and off-peak: 95 s from Monday 18:59:30 = 0.06 + 0.09 + 0.02 = 0.17', async () => {
      // 2026-03-02 is a Monday; London is on UTC until the end of March.
      const response = await quote(
        card,
        'destination=442071234567&durationSeconds=95&startedAt=2026-03-02T18:59:30Z',
      );
      expect(response.body).toMatchObject({
        timeZone: 'Europe/London',
        rate: { period: 'peak', firstInterval: 60, nextInterval: 60 },
        billedSeconds: 120,
        connectFee: '0.02',
        timeCharge: '0.15',
        total: '0.17',
      });
      expect(
        response.body.parts.map(
          (p: { period: string; fromSecond: number; billedSeconds: number; amount: string }) => [
            p.period,
            p.fromSecond,
            p.billedSeconds,
            p.amount,
          ],
        ),
      ).toEqual([
        ['peak', 0, 30, '0.06'],
        ['offpeak', 30, 90, '0.09'],
      ]);
    });

    it('reads the periods in another zone on request: 19:59:30 in Berlin is off-peak, 95 s = 0.095 → 0.10', async () => {
      const response = await quote(
        card,
        'destination=442071234567&durationSeconds=95&startedAt=2026-03-02T18:59:30Z&timeZone=Europe/Berlin',
      );
      expect(response.body).toMatchObject({
        timeZone: 'Europe/Berlin',
        rate: { period: 'offpeak' },
        billedSeconds: 95,
        unrounded: '0.095',
        total: '0.10',
      });
    });

    it("prices a holiday of the card's tenant at the holiday rate", async () => {
      const query = 'destination=442071234567&durationSeconds=60&startedAt=2026-03-03T10:00:00Z';
      expect((await quote(card, query)).body).toMatchObject({ rate: { period: 'peak' }, total: '0.14' });
      const holiday = await kit.request('POST', '/holidays', {
        token,
        body: { date: '2026-03-03', name: 'Test Day' },
      });
      expect(holiday.status).toBe(201);
      expect((await quote(card, query)).body).toMatchObject({ rate: { period: 'holiday' }, total: '0.03' });
    });
  });

  it('uses the rate in force when the call starts, scheduled changes included', async () => {
    const card = await newCard('Quote Scheduled');
    await addRates(card, [
      {
        prefix: '49',
        pricePerMinute: '0.10',
        firstInterval: 1,
        nextInterval: 1,
        effectiveTo: '2030-01-01T00:00:00Z',
      },
      {
        prefix: '49',
        pricePerMinute: '0.20',
        firstInterval: 1,
        nextInterval: 1,
        effectiveFrom: '2030-01-01T00:00:00Z',
      },
    ]);
    const at = async (startedAt: string) =>
      (await quote(card, `destination=4930123456&durationSeconds=60&startedAt=${startedAt}`)).body.total;
    expect(await at('2029-12-31T23:58:00Z')).toBe('0.10');
    expect(await at('2029-12-31T23:59:30Z')).toBe('0.10');
    expect(await at('2030-01-01T00:00:00Z')).toBe('0.20');
    const before = await quote(
      card,
      'destination=4930123456&durationSeconds=60&startedAt=2019-01-01T00:00:00Z',
    );
    expect(before.status).toBe(422);
  });

  it('answers 422 when stored rows break the rating rules, instead of a 500', async () => {
    const card = await newCard('Quote Broken');
    const other = await newCard('Quote Broken Other');
    const foreignPeriod = await kit.request('POST', `/rate-cards/${other}/periods`, {
      token,
      body: { name: 'peak' },
    });
    const [{ tenant_id: tenantId }] = await kit.dataSource.query(
      `SELECT tenant_id FROM rate_cards WHERE id = $1`,
      [card],
    );
    // Written around the API (as an old import might have): a period of another card.
    await kit.dataSource.getRepository(Rate).insert({
      tenantId,
      rateCardId: card,
      periodId: foreignPeriod.body.id,
      prefix: '39',
      pricePerMinute: '0.1' as never,
      firstInterval: 1,
      nextInterval: 1,
      roundingMode: RoundingMode.Up,
      roundingDecimals: 2,
      effectiveFrom: new Date('2020-01-01T00:00:00Z'),
    });
    const response = await quote(card, 'destination=390612345678&durationSeconds=10');
    expect(response.status).toBe(422);
    expect(response.body.message).toContain('cannot be rated');
  });

  it("answers 404 for a card outside the caller's scope, before judging the query", async () => {
    const card = await newCard('Quote Private');
    expect((await quote(card, 'destination=44&durationSeconds=1', resellerToken)).status).toBe(404);
    expect((await kit.request('GET', `/rate-cards/${card}/quote`, { token: resellerToken })).status).toBe(
      404,
    );
  });
});
