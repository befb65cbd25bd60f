import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';
import { RateDeckImportQueue } from './rate-deck-import-queue';
import { RunRateDeckImportJob } from './run-rate-deck-import.job';

interface ImportView {
  id: string;
  status: string;
  rowsRead: number;
  rowsValidated: number;
  rowsWritten: number;
  rowsRejected: number;
  percent: number;
  effectiveFrom: string;
  outcome: { created: number; updated: number; ended: number; deleted: number; unchanged: number } | null;
  error: string | null;
}

interface RateRow {
  id: string;
  prefix: string;
  destination: string;
  price_per_minute: string;
  connect_fee: string;
  first_interval: number;
  next_interval: number;
  effective_from: Date;
  effective_to: Date | null;
  updated_at: Date;
  period_id: string | null;
}

const HEADER = 'prefix,destination,price,connect_fee,first_interval,next_interval';
const DAY = 86_400_000;

describe('rate deck import and export', () => {
  let kit: ApiTestKit;
  let uploads: string;
  let ownerToken: string;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    uploads = await mkdtemp(join(tmpdir(), 'rate-decks-'));
    kit = await ApiTestKit.start({ RATE_DECK_UPLOAD_DIR: uploads });
    const owner = await kit.createTenant('Decks Owner');
    ownerToken = await kit.login(owner.user.email);
    tokenA = await kit.login((await kit.createTenant('Decks Reseller A', owner.tenant)).user.email);
    tokenB = await kit.login((await kit.createTenant('Decks Reseller B', owner.tenant)).user.email);
  });
  afterAll(async () => kit?.close());

  async function newCard(token: string, name: string, timezone = 'UTC'): Promise<string> {
    const response = await kit.request('POST', '/rate-cards', {
      token,
      body: { name, kind: 'sell', currency: 'EUR', timezone },
    });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  /** POSTs a file as multipart/form-data, as a browser or `curl -F file=@deck.csv` would. */
  async function upload(
    token: string,
    cardId: string,
    fileName: string,
    content: string | Buffer,
    query: Record<string, string> = {},
  ) {
    const boundary = `----tollgate${Math.random().toString(16).slice(2)}`;
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      Buffer.isBuffer(content) ? content : Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await kit.app.inject({
      method: 'POST',
      url: `/rate-cards/${cardId}/imports?${new URLSearchParams(query).toString()}`,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
    return {
      status: response.statusCode,
      body: JSON.parse(response.body) as ImportView & { errors?: unknown },
    };
  }

  async function finished(token: string, cardId: string, importId: string): Promise<ImportView> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const response = await kit.request<ImportView>('GET', `/rate-cards/${cardId}/imports/${importId}`, {
        token,
      });
      expect(response.status).toBe(200);
      if (['completed', 'rejected', 'failed'].includes(response.body.status)) return response.body;
      if (Date.now() > deadline) throw new Error(`import ${importId} still ${response.body.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function importDeck(
    cardId: string,
    fileName: string,
    content: string | Buffer,
    query: Record<string, string> = {},
    token = ownerToken,
  ): Promise<ImportView> {
    const started = await upload(token, cardId, fileName, content, query);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body.status).toBe('queued');
    return finished(token, cardId, started.body.id);
  }

  const rates = async (cardId: string): Promise<RateRow[]> =>
    kit.dataSource.query(
      `SELECT id, prefix, destination, price_per_minute::text, connect_fee::text, first_interval, next_interval,
              effective_from, effective_to, updated_at, period_id
       FROM rates WHERE rate_card_id = $1 ORDER BY prefix, effective_from`,
      [cardId],
    );
  const cardUpdatedAt = async (cardId: string): Promise<Date> =>
    (await kit.dataSource.query(`SELECT updated_at FROM rate_cards WHERE id = $1`, [cardId]))[0].updated_at;

  const deck = [
    HEADER,
    '44,United Kingdom,0.0125,0,60,60',
    '447,"United Kingdom - Mobile, all networks",0.02500001,0.05,30,6',
    '49,Germany,.011,,1,1',
  ].join('\n');

  it('imports a CSV deck as a job: every row written exactly, progress and outcome visible', async () => {
    const cardId = await newCard(ownerToken, 'Decks CSV');
    const done = await importDeck(cardId, 'deck.csv', `${deck}\n`);
    expect(done).toMatchObject({
      status: 'completed',
      rowsRead: 3,
      rowsValidated: 3,
      rowsWritten: 3,
      rowsRejected: 0,
      percent: 100,
      outcome: { created: 3, updated: 0, ended: 0, deleted: 0, unchanged: 0 },
      error: null,
    });
    const written = await rates(cardId);
    expect(
      written.map((rate) => [rate.prefix, rate.destination, rate.price_per_minute, rate.connect_fee]),
    ).toEqual([
      ['44', 'United Kingdom', '0.01250000', '0.00000000'],
      ['447', 'United Kingdom - Mobile, all networks', '0.02500001', '0.05000000'],
      ['49', 'Germany', '0.01100000', '0.00000000'],
    ]);
    expect(written.map((rate) => [rate.first_interval, rate.next_interval])).toEqual([
      [60, 60],
      [30, 6],
      [1, 1],
    ]);
    // Rows without effective_from start at the import's date, and are open-ended.
    for (const rate of written) {
      expect(rate.effective_from.toISOString()).toBe(done.effectiveFrom);
      expect(rate.effective_to).toBeNull();
    }
    const audit = await kit.dataSource.query(`SELECT action, changes FROM audit_log WHERE entity_id = $1`, [
      cardId,
    ]);
    expect(audit.map((entry: { action: string }) => entry.action)).toContain('rate_card.import_rate_deck');
    await expect.poll(() => readdirSync(uploads)).toEqual([]);
    const list = await kit.request('GET', `/rate-cards/${cardId}/imports`, { token: ownerToken });
    expect(list.body.data.map((entry: ImportView) => entry.id)).toEqual([done.id]);
  });

  it('imports an XLSX deck: numbers, text and date cells, dates local to the card', async () => {
    const cardId = await newCard(ownerToken, 'Decks XLSX', 'Europe/Berlin');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Deck');
    sheet.addRow(['Prefix', 'Destination', 'Price', 'First_Interval', 'Next_Interval', 'Effective_From']);
    sheet.addRow(['0044', 'Leading zeros kept', 0.0125, 60, 60, '2030-01-01']);
    sheet.addRow([33, 'France', 0.00000001, 30, 6, new Date(Date.UTC(2030, 6, 1, 0, 0, 0))]);
    const done = await importDeck(cardId, 'deck.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(done).toMatchObject({ status: 'completed', outcome: { created: 2 } });
    const written = await rates(cardId);
    expect(
      written.map((rate) => [rate.prefix, rate.price_per_minute, rate.effective_from.toISOString()]),
    ).toEqual([
      ['0044', '0.01250000', '2029-12-31T23:00:00.000Z'],
      ['33', '0.00000001', '2030-06-30T22:00:00.000Z'],
    ]);
  });

  it('rejects a file with bad rows as a whole, reporting every bad row by line, and writes nothing', async () => {
    const cardId = await newCard(ownerToken, 'Decks Bad');
    await importDeck(cardId, 'deck.csv', deck);
    const before = await rates(cardId);
    const bad = [
      HEADER,
      '44,United Kingdom,0.013,0,60,60',
      '33,France,abc,0,60,60',
      '34,Spain,0.01,0,0,60',
      '44,United Kingdom again,0.014,0,60,60',
      '+39,Italy,0.01,0,60,60',
      '41,Switzerland,0.123456789,0,60,1.5',
      '43,Austria,-0.01,0,60,60',
      '',
      '32,"Belgium',
      'two lines",0.01,0,60,60',
      '31,Netherlands,0.01,0,x,60',
    ].join('\n');
    const done = await importDeck(cardId, 'bad.csv', bad);
    expect(done).toMatchObject({ status: 'rejected', rowsRead: 9, rowsRejected: 7, outcome: null });
    const problems = await kit.request('GET', `/rate-cards/${cardId}/imports/${done.id}/problems?limit=200`, {
      token: ownerToken,
    });
    expect(problems.status).toBe(200);
    expect(
      problems.body.data.map((problem: { line: number; field: string; value: string }) => [
        problem.line,
        problem.field,
        problem.value,
      ]),
    ).toEqual([
      [3, 'pricePerMinute', 'abc'],
      [4, 'firstInterval', '0'],
      [5, 'prefix', '44'],
      [6, 'prefix', '+39'],
      [7, 'pricePerMinute', '0.123456789'],
      [7, 'nextInterval', '1.5'],
      [8, 'pricePerMinute', '-0.01'],
      [12, 'firstInterval', 'x'],
    ]);
    expect(problems.body.data[2].reason).toBe('duplicate of line 2: same prefix, period and effective_from');
    expect(problems.body.data[4].reason).toBe('has more than 8 decimals');
    expect(await rates(cardId)).toEqual(before);
  });

  it('rejects a file without a required column or without rates, naming the header line', async () => {
    const cardId = await newCard(ownerToken, 'Decks Header');
    const missing = await importDeck(cardId, 'deck.csv', 'prefix,destination,price\n44,UK,0.01\n');
    expect(missing.status).toBe('rejected');
    const problems = await kit.request('GET', `/rate-cards/${cardId}/imports/${missing.id}/problems`, {
      token: ownerToken,
    });
    expect(problems.body.data.map((p: { line: number; field: string }) => [p.line, p.field])).toEqual([
      [1, 'firstInterval'],
      [1, 'nextInterval'],
    ]);
    expect((await importDeck(cardId, 'empty.csv', `${HEADER}\n`)).status).toBe('rejected');
    expect((await importDeck(cardId, 'broken.xlsx', 'not a zip')).status).toBe('rejected');
    expect(await rates(cardId)).toEqual([]);
  });

  it('changes nothing when the same file is imported again: no new rows, no update, no card bump', async () => {
    const cardId = await newCard(ownerToken, 'Decks Again');
    await importDeck(cardId, 'deck.csv', deck);
    const before = await rates(cardId);
    const cardBefore = await cardUpdatedAt(cardId);
    const again = await importDeck(cardId, 'deck.csv', deck);
    expect(again).toMatchObject({
      status: 'completed',
      rowsWritten: 0,
      outcome: { created: 0, updated: 0, ended: 0, deleted: 0, unchanged: 3 },
    });
    expect(await rates(cardId)).toEqual(before);
    expect(await cardUpdatedAt(cardId)).toEqual(cardBefore);
  });

  it('replaces the card from now: dropped prefixes end, changed ones get a new rate, the same stay', async () => {
    const cardId = await newCard(ownerToken, 'Decks Replace');
    await importDeck(cardId, 'deck.csv', deck);
    const before = await rates(cardId);
    const next = [HEADER, '44,United Kingdom,0.0125,0,60,60', '49,Germany,0.012,,1,1'].join('\n');
    const done = await importDeck(cardId, 'next.csv', next);
    expect(done.outcome).toEqual({ created: 1, updated: 0, ended: 2, deleted: 0, unchanged: 1 });
    const at = done.effectiveFrom;
    const after = await rates(cardId);
    const summary = after.map((rate) => [
      rate.prefix,
      rate.price_per_minute,
      rate.effective_to?.toISOString() ?? null,
    ]);
    expect(summary).toEqual([
      ['44', '0.01250000', null],
      ['447', '0.02500001', at],
      ['49', '0.01100000', at],
      ['49', '0.01200000', null],
    ]);
    expect(after[0]).toEqual(before[0]);
  });

  it('merges a deck at a future date: its prefixes change there, the old rates end there, others stay', async () => {
    const cardId = await newCard(ownerToken, 'Decks Merge');
    await importDeck(cardId, 'deck.csv', deck);
    const at = new Date(Math.ceil((Date.now() + 30 * DAY) / 1000) * 1000).toISOString();
    const merge = [HEADER, '44,United Kingdom,0.0099,0,60,60', '351,Portugal,0.02,0,60,60'].join('\n');
    const done = await importDeck(cardId, 'merge.csv', merge, { mode: 'merge', effectiveFrom: at });
    expect(done.outcome).toEqual({ created: 2, updated: 0, ended: 1, deleted: 0, unchanged: 0 });
    const summary = (await rates(cardId)).map((rate) => [
      rate.prefix,
      rate.price_per_minute,
      rate.effective_from.toISOString() === at ? 'from D' : 'before D',
      rate.effective_to?.toISOString() === at ? 'to D' : rate.effective_to,
    ]);
    expect(summary).toEqual([
      ['351', '0.02000000', 'from D', null],
      ['44', '0.01250000', 'before D', 'to D'],
      ['44', '0.00990000', 'from D', null],
      ['447', '0.02500001', 'before D', null],
      ['49', '0.01100000', 'before D', null],
    ]);
    // The rating API's view: today the old price, from D the new one.
    const inForce = async (when: string) =>
      (
        await kit.request('GET', `/rate-cards/${cardId}/rates?prefix=44&activeAt=${when}`, {
          token: ownerToken,
        })
      ).body.data.map((rate: { pricePerMinute: string }) => rate.pricePerMinute);
    expect(await inForce(new Date().toISOString())).toEqual(['0.0125']);
    expect(await inForce(at)).toEqual(['0.0099']);
    const before = await rates(cardId);
    const again = await importDeck(cardId, 'merge.csv', merge, { mode: 'merge', effectiveFrom: at });
    expect(again.outcome).toEqual({ created: 0, updated: 0, ended: 0, deleted: 0, unchanged: 2 });
    expect(await rates(cardId)).toEqual(before);
  });

  it('exports the card in the same columns; importing the export (CSV or XLSX) changes nothing', async () => {
    const cardId = await newCard(ownerToken, 'Decks Round Trip', 'Europe/Berlin');
    const period = await kit.request('POST', `/rate-cards/${cardId}/periods`, {
      token: ownerToken,
      body: { name: 'Peak', weekdays: [1, 2, 3, 4, 5], startTime: '08:00', endTime: '18:00' },
    });
    expect(period.status, JSON.stringify(period.body)).toBe(201);
    const at = new Date(Math.ceil((Date.now() + 10 * DAY) / 1000) * 1000).toISOString();
    const full = [
      'prefix,destination,price,connect_fee,first_interval,next_interval,min_charge,rounding_mode,rounding_decimals,period',
      '44,United Kingdom,0.0125,0.01,60,60,0.5,half_even,2,',
      '44,United Kingdom,0.0225,0.01,60,60,0.5,half_even,2,peak',
      '1,"USA ""48""",0.000123,0,6,6,0,up,6,',
    ].join('\n');
    await importDeck(cardId, 'full.csv', full);
    await importDeck(cardId, 'merge.csv', `${HEADER}\n1,USA,0.0002,0,6,6\n`, {
      mode: 'merge',
      effectiveFrom: at,
    });
    const mapping = JSON.stringify({ prefix: 'Code', pricePerMinute: 'Rate/min', period: 'Tariff' });
    const csv = await kit.app.inject({
      method: 'GET',
      url: `/rate-cards/${cardId}/export?format=csv&delimiter=%3B&mapping=${encodeURIComponent(mapping)}`,
      headers: { authorization: `Bearer ${ownerToken}` },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'Code;destination;Rate/min;connect_fee;first_interval;next_interval;min_charge;free_seconds;no_charge_below_seconds;rounding_mode;rounding_decimals;effective_from;effective_to;Tariff',
    );
    expect(lines).toHaveLength(5);
    const before = await rates(cardId);
    const cardBefore = await cardUpdatedAt(cardId);
    const fromCsv = await importDeck(cardId, 'export.csv', csv.body, { delimiter: ';', mapping });
    expect(fromCsv.outcome).toEqual({ created: 0, updated: 0, ended: 0, deleted: 0, unchanged: 4 });
    const xlsx = await kit.app.inject({
      method: 'GET',
      url: `/rate-cards/${cardId}/export?format=xlsx`,
      headers: { authorization: `Bearer ${ownerToken}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const fromXlsx = await importDeck(cardId, 'export.xlsx', xlsx.rawPayload);
    expect(fromXlsx.outcome).toEqual({ created: 0, updated: 0, ended: 0, deleted: 0, unchanged: 4 });
    expect(await rates(cardId)).toEqual(before);
    expect(await cardUpdatedAt(cardId)).toEqual(cardBefore);
    // And into an empty card, the export makes the same rates.
    const copyId = await newCard(ownerToken, 'Decks Round Trip Copy', 'Europe/Berlin');
    await kit.request('POST', `/rate-cards/${copyId}/periods`, {
      token: ownerToken,
      body: { name: 'Peak', weekdays: [1, 2, 3, 4, 5], startTime: '08:00', endTime: '18:00' },
    });
    await importDeck(copyId, 'export.xlsx', xlsx.rawPayload);
    const shape = (rows: RateRow[]) =>
      rows.map(({ prefix, destination, price_per_minute, effective_from, effective_to, period_id }) => [
        prefix,
        destination,
        price_per_minute,
        effective_from,
        effective_to,
        period_id === null,
      ]);
    expect(shape(await rates(copyId))).toEqual(shape(before));
  });

  it('checks the request before taking the file', async () => {
    const cardId = await newCard(ownerToken, 'Decks Requests');
    const fields = (body: unknown) =>
      ((body as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);
    const merge = await upload(ownerToken, cardId, 'deck.csv', deck, { mode: 'merge' });
    expect([merge.status, fields(merge.body)]).toEqual([400, ['effectiveFrom']]);
    const past = await upload(ownerToken, cardId, 'deck.csv', deck, {
      effectiveFrom: '2020-01-01T00:00:00Z',
    });
    expect([past.status, fields(past.body)]).toEqual([400, ['effectiveFrom']]);
    const format = await upload(ownerToken, cardId, 'deck.ods', deck);
    expect([format.status, fields(format.body)]).toEqual([400, ['format']]);
    const mapping = await upload(ownerToken, cardId, 'deck.csv', deck, { mapping: '{"price":"Rate"}' });
    expect([mapping.status, fields(mapping.body)]).toEqual([400, ['mapping']]);
    const json = await kit.request('POST', `/rate-cards/${cardId}/imports`, { token: ownerToken, body: {} });
    expect([json.status, fields(json.body)]).toEqual([400, ['file']]);
    expect(
      (await kit.request('GET', `/rate-cards/${cardId}/imports`, { token: ownerToken })).body.data,
    ).toEqual([]);
  });

  it('takes up an import left unfinished by a process that died, and applies a replayed job once', async () => {
    const cardId = await newCard(ownerToken, 'Decks Restart');
    const done = await importDeck(cardId, 'deck.csv', deck);
    const before = await rates(cardId);
    // As a process that died while validating leaves it: the row says so, the file is still there.
    const [{ id }] = await kit.dataSource.query(
      `INSERT INTO rate_deck_imports (tenant_id, rate_card_id, format, mode, effective_from, mapping, file_name,
         file_size, file_sha256, status, rows_read, requested_by)
       SELECT tenant_id, rate_card_id, format, mode, now(), mapping, 'next.csv', 1, repeat('0', 64), 'validating', 2,
              requested_by
       FROM rate_deck_imports WHERE id = $1 RETURNING id`,
      [done.id],
    );
    writeFileSync(join(uploads, `${id}.csv`), `${HEADER}\n44,United Kingdom,0.0125,0,60,60\n`);
    expect(await kit.app.get(RateDeckImportQueue).requeueUnfinished()).toBe(1);
    const resumed = await finished(ownerToken, cardId, id);
    expect(resumed).toMatchObject({ status: 'completed', rowsRead: 1, outcome: { ended: 2, unchanged: 1 } });
    const after = await rates(cardId);
    expect(after.filter((rate) => rate.effective_to === null).map((rate) => rate.prefix)).toEqual(['44']);
    expect(after[0]).toEqual(before[0]);
    // Replays of finished imports change nothing.
    await kit.app.get(RunRateDeckImportJob).run(done.id, { lastAttempt: true });
    await kit.app.get(RunRateDeckImportJob).run(id, { lastAttempt: true });
    expect(await kit.app.get(RateDeckImportQueue).requeueUnfinished()).toBe(0);
    expect(await rates(cardId)).toEqual(after);
  });

  it("keeps each reseller to its own cards: another tenant's card, import and export are 404", async () => {
    const cardA = await newCard(tokenA, 'Decks A');
    const cardB = await newCard(tokenB, 'Decks B');
    const importB = await importDeck(cardB, 'deck.csv', deck, {}, tokenB);
    const before = await rates(cardB);
    expect((await upload(tokenA, cardB, 'deck.csv', `${HEADER}\n1,USA,0.5,0,1,1\n`)).status).toBe(404);
    expect(
      (await kit.request('GET', `/rate-cards/${cardB}/imports/${importB.id}`, { token: tokenA })).status,
    ).toBe(404);
    // Its own card in the path does not open another card's import.
    expect(
      (await kit.request('GET', `/rate-cards/${cardA}/imports/${importB.id}`, { token: tokenA })).status,
    ).toBe(404);
    expect(
      (await kit.request('GET', `/rate-cards/${cardA}/imports/${importB.id}/problems`, { token: tokenA }))
        .status,
    ).toBe(404);
    expect((await kit.request('GET', `/rate-cards/${cardB}/imports`, { token: tokenA })).status).toBe(404);
    expect((await kit.request('GET', `/rate-cards/${cardB}/export`, { token: tokenA })).status).toBe(404);
    expect(await rates(cardB)).toEqual(before);
    // The owner above both sees B's import.
    expect(
      (await kit.request('GET', `/rate-cards/${cardB}/imports/${importB.id}`, { token: ownerToken })).status,
    ).toBe(200);
    await expect.poll(() => existsSync(join(uploads, `${importB.id}.csv`))).toBe(false);
  });
});
