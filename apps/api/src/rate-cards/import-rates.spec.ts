import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

describe('bulk rates: all or nothing', () => {
  let kit: ApiTestKit;
  let token: string;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    token = await kit.login((await kit.createTenant('Bulk Owner')).user.email);
  });
  afterAll(async () => kit?.close());

  async function newCard(name: string): Promise<string> {
    const response = await kit.request('POST', '/rate-cards', {
      token,
      body: { name, kind: 'buy', currency: 'USD' },
    });
    return response.body.id;
  }
  const rate = (prefix: string, overrides: Record<string, unknown> = {}) => ({
    prefix,
    destination: `Destination ${prefix}`,
    pricePerMinute: '0.0105',
    firstInterval: 1,
    nextInterval: 1,
    roundingMode: 'up',
    roundingDecimals: 4,
    ...overrides,
  });
  const bulk = (card: string, rates: unknown[]) =>
    kit.request('POST', `/rate-cards/${card}/rates/bulk`, { token, body: { rates } });
  const rateCount = async (card: string) =>
    (await kit.dataSource.query(`SELECT count(*)::int AS n FROM rates WHERE rate_card_id = $1`, [card]))[0].n;
  const errors = (response: { body: { errors?: Array<{ field: string; reason: string }> } }) =>
    response.body.errors ?? [];

  it('writes every row with one default effectiveFrom, and audits the import once', async () => {
    const card = await newCard('Bulk Happy');
    const response = await bulk(card, [
      rate('1'),
      rate('1201'),
      rate('1212', { connectFee: '0.01', periodId: null }),
    ]);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ created: 3 });
    expect(await rateCount(card)).toBe(3);
    const starts = await kit.dataSource.query(
      `SELECT DISTINCT effective_from FROM rates WHERE rate_card_id = $1`,
      [card],
    );
    expect(starts).toHaveLength(1);
    const audit = await kit.dataSource.query(`SELECT action, changes FROM audit_log WHERE entity_id = $1`, [
      card,
    ]);
    expect(audit).toContainEqual({
      action: 'rate_card.import_rates',
      changes: { importedRates: { before: null, after: 3 } },
    });
    const listed = await kit.request('GET', `/rate-cards/${card}/rates?prefix=1212`, { token });
    expect(listed.body.data[0]).toMatchObject({
      connectFee: '0.01',
      pricePerMinute: '0.0105',
      roundingMode: 'up',
    });
  });

  it('reports every bad row by index and field and writes nothing', async () => {
    const card = await newCard('Bulk Bad Rows');
    const response = await bulk(card, [
      rate('1'),
      rate('1x'),
      rate('2'),
      rate('3', { pricePerMinute: '-0.01', roundingMode: 'half-up' }),
      rate('4', { effectiveFrom: '2031-01-01T00:00:00Z', effectiveTo: '2030-01-01T00:00:00Z' }),
      rate('5', { extra: true }),
    ]);
    expect(response.status).toBe(400);
    expect(errors(response).map((error) => error.field)).toEqual([
      'rates.1.prefix',
      'rates.3.pricePerMinute',
      'rates.3.roundingMode',
      'rates.4.effectiveTo',
      'rates.5',
    ]);
    expect(errors(response)[4]!.reason).toContain('extra');
    expect(await rateCount(card)).toBe(0);
  });

  it('reports duplicates within the request and against the card, and periods of other cards, per row', async () => {
    const card = await newCard('Bulk Duplicates');
    const from = '2030-03-01T00:00:00.000Z';
    expect((await bulk(card, [rate('44', { effectiveFrom: from })])).status).toBe(201);
    const peak = await kit.request('POST', `/rate-cards/${card}/periods`, { token, body: { name: 'peak' } });
    const otherCard = await newCard('Bulk Duplicates Other');
    const foreign = await kit.request('POST', `/rate-cards/${otherCard}/periods`, {
      token,
      body: { name: 'peak' },
    });
    const response = await bulk(card, [
      rate('33', { effectiveFrom: from }),
      rate('44', { effectiveFrom: from }),
      rate('44', { effectiveFrom: from, periodId: peak.body.id }),
      rate('33', { effectiveFrom: from, pricePerMinute: '0.2' }),
      rate('49', { periodId: foreign.body.id }),
      rate('33', { effectiveFrom: '2030-03-02T00:00:00Z' }),
      rate('33', { effectiveFrom: from }),
    ]);
    expect(response.status).toBe(400);
    expect(errors(response)).toEqual([
      {
        field: 'rates.1.prefix',
        reason: 'the card already has a rate with this prefix, period and effectiveFrom',
      },
      { field: 'rates.3.prefix', reason: 'duplicate of rates.0: same prefix, period and effectiveFrom' },
      { field: 'rates.4.periodId', reason: 'must be a period of this rate card' },
      { field: 'rates.6.prefix', reason: 'duplicate of rates.0: same prefix, period and effectiveFrom' },
    ]);
    expect(await rateCount(card)).toBe(1);
    const valid = await bulk(card, [
      rate('33', { effectiveFrom: from }),
      rate('44', { effectiveFrom: from, periodId: peak.body.id }),
      rate('33', { effectiveFrom: '2030-03-02T00:00:00Z' }),
    ]);
    expect(valid.body).toEqual({ created: 3 });
    expect(await rateCount(card)).toBe(4);
  });

  it('takes 5,000 rates in one request, refuses 5,001, and writes none of 5,000 when the last is bad', async () => {
    const card = await newCard('Bulk Large');
    const from = '2030-01-01T00:00:00.000Z';
    const rows = Array.from({ length: 5000 }, (_, index) =>
      rate(String(100000 + index), { effectiveFrom: from }),
    );
    const tooMany = await bulk(card, [...rows, rate('9')]);
    expect(tooMany.status).toBe(400);
    expect(errors(tooMany).map((error) => error.field)).toEqual(['rates']);
    const lastBad = await bulk(card, [...rows.slice(0, 4999), rate('100000', { effectiveFrom: from })]);
    expect(lastBad.status).toBe(400);
    expect(errors(lastBad)).toEqual([
      { field: 'rates.4999.prefix', reason: 'duplicate of rates.0: same prefix, period and effectiveFrom' },
    ]);
    expect(await rateCount(card)).toBe(0);
    const accepted = await bulk(card, rows);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toEqual({ created: 5000 });
    expect(await rateCount(card)).toBe(5000);
    const again = await bulk(card, rows.slice(0, 2));
    expect(errors(again).map((error) => error.field)).toEqual(['rates.0.prefix', 'rates.1.prefix']);
    expect(await rateCount(card)).toBe(5000);
  });

  it('accepts 5,000 rates with every field filled (about 2 MB, over the default body limit)', async () => {
    const card = await newCard('Bulk Wide');
    const rows = Array.from({ length: 5000 }, (_, index) =>
      rate(String(441234500000 + index), {
        destination: 'United Kingdom - Mobile - Vodafone - Premium Numbers',
        pricePerMinute: '0.01250000',
        connectFee: '0.00000000',
        minCharge: '0.000000',
        freeSeconds: 0,
        noChargeBelowSeconds: 0,
        roundingMode: 'half_even',
        effectiveFrom: '2026-01-01T00:00:00.000Z',
        effectiveTo: '2027-01-01T00:00:00.000Z',
        periodId: null,
      }),
    );
    expect(JSON.stringify({ rates: rows }).length).toBeGreaterThan(1024 * 1024);
    const response = await bulk(card, rows);
    expect(response.status).toBe(201);
    expect(await rateCount(card)).toBe(5000);
  });

  it('refuses an empty list and a body without rates', async () => {
    const card = await newCard('Bulk Empty');
    expect(errors(await bulk(card, [])).map((error) => error.field)).toEqual(['rates']);
    const noRates = await kit.request('POST', `/rate-cards/${card}/rates/bulk`, {
      token,
      body: { rows: [] },
    });
    expect(noRates.status).toBe(400);
    expect(errors(noRates).map((error) => error.field)).toEqual(expect.arrayContaining(['rates']));
  });
});
