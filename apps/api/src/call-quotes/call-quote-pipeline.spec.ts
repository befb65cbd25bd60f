import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { freePort, startServiceProcess, type ServiceProcess } from '@tollgate/observability/testing';
import { UserRole } from '@tollgate/db';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

const workerEntryPoint = join(__dirname, '..', '..', '..', 'cdr-worker', 'dist', 'main.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Level {
  kind: string;
  partyId: string;
  price: string | null;
  billedSeconds: number | null;
  margin: string | null;
  tenantPath?: string | null;
}

interface Quote {
  total: string;
  billedSeconds: number;
  parts: Array<{ period: string | null; billedSeconds: number }>;
  levels: Level[];
}

/**
 * The quote and the CDR pipeline price the same call identically: each call is quoted, then sent through
 * POST /cdrs/ingest to the built cdr-worker (its own process), and every level's price, billed seconds,
 * rate and margin on the stored CDR must equal the quote's, down to the last decimal.
 */
describe('call quotes agree with the CDR pipeline at every level', () => {
  const queuePrefix = `quote-test-${randomUUID()}`;
  let kit: ApiTestKit;
  let worker: ServiceProcess;
  let owner = '';
  const tokens = { r2: '', r3: '', endUser: '', sibling: '' };
  const ids = { owner: '', r1: '', r2: '', r3: '', account: '', siblingAccount: '' };

  const created = async (url: string, body: object, token = owner) => {
    const response = await kit.request('POST', url, { token, body });
    if (response.status !== 201)
      throw new Error(`${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return (response.body as { id: string }).id;
  };
  /** A card on `44` with pulses and rounding; with `offPeak`, peak (08:00–18:00 UTC) and off-peak prices. */
  const card = async (
    tenantId: string,
    terms: { peak: string; offPeak?: string; first: number; next: number; decimals: number },
  ) => {
    const id = await created('/rate-cards', {
      name: `card ${randomUUID()}`,
      kind: 'sell',
      currency: 'EUR',
      tenantId,
    });
    const rate = {
      prefix: '44',
      destination: 'United Kingdom',
      connectFee: '0.0150',
      firstInterval: terms.first,
      nextInterval: terms.next,
      roundingMode: 'half_up',
      roundingDecimals: terms.decimals,
      effectiveFrom: '2020-01-01T00:00:00.000Z',
    };
    if (terms.offPeak === undefined) {
      await created(`/rate-cards/${id}/rates`, { ...rate, pricePerMinute: terms.peak });
      return id;
    }
    const peak = await created(`/rate-cards/${id}/periods`, {
      name: 'peak',
      startTime: '08:00',
      endTime: '18:00',
    });
    const offPeak = await created(`/rate-cards/${id}/periods`, { name: 'off-peak', position: 1 });
    await created(`/rate-cards/${id}/rates`, { ...rate, pricePerMinute: terms.peak, periodId: peak });
    await created(`/rate-cards/${id}/rates`, { ...rate, pricePerMinute: terms.offPeak, periodId: offPeak });
    return id;
  };
  const reseller = async (name: string, parentId: string, buyRateCardId: string) => {
    const id = await created('/resellers', {
      name,
      parentId,
      settings: { buyRateCardId, defaultCurrency: 'EUR' },
    });
    const user = await kit.createUser(
      { id },
      UserRole.Admin,
      `${name.toLowerCase()}-${randomUUID()}@example.test`,
    );
    return { id, token: await kit.login(user.email) };
  };
  const quote = (token: string, startedAt: string, durationSeconds: number, account = ids.account) =>
    kit.request<Quote>(
      'GET',
      `/accounts/${account}/call-quote?destination=%2B447700900123&startedAt=${encodeURIComponent(startedAt)}&durationSeconds=${durationSeconds}`,
      { token },
    );
  const ingest = (call: object) =>
    kit.app.inject({
      method: 'POST',
      url: '/cdrs/ingest',
      headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/x-ndjson' },
      payload: JSON.stringify(call),
    });
  async function storedLevels(callId: string): Promise<Level[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const [row] = (await kit.dataSource.query(`SELECT levels FROM cdrs WHERE call_id = $1`, [
        callId,
      ])) as Array<{
        levels: Level[];
      }>;
      if (row) return row.levels.map(({ tenantPath: _path, ...level }) => level);
      if (Date.now() > deadline) throw new Error(`no CDR for ${callId}`);
      await sleep(50);
    }
  }
  async function pipelineOf(startedAt: string, durationSeconds: number) {
    const callId = `${randomUUID()}@quote.test`;
    const response = await ingest({
      callId,
      accountId: ids.account,
      direction: 'outbound',
      destination: '447700900123',
      startedAt,
      answeredAt: startedAt,
      endedAt: new Date(Date.parse(startedAt) + durationSeconds * 1000).toISOString(),
      durationSeconds,
      disposition: 'answered',
    });
    expect(response.statusCode).toBe(202);
    const levels = await storedLevels(callId);
    const ledger = (await kit.dataSource.query(
      `SELECT coalesce(account_id, reseller_tenant_id)::text AS party, amount::text FROM ledger_entries WHERE reference = $1`,
      [callId],
    )) as Array<{ party: string; amount: string }>;
    return { levels, ledger };
  }

  beforeAll(async () => {
    kit = await ApiTestKit.start({ QUEUE_PREFIX: queuePrefix });
    const { user } = await kit.createTenant('Quote Pipeline Owner');
    ids.owner = user.tenantId;
    owner = await kit.login(user.email);
    // Owner → R1 → R2 → R3 → account, each level with its own pulses, rounding and (R3, retail) periods.
    const r1Buys = await card(ids.owner, { peak: '0.0400', first: 1, next: 1, decimals: 6 });
    const r1 = await reseller('R1', ids.owner, r1Buys);
    const r2Buys = await card(r1.id, { peak: '0.0500', first: 30, next: 6, decimals: 5 });
    const r2 = await reseller('R2', r1.id, r2Buys);
    const r3Buys = await card(r2.id, { peak: '0.0700', offPeak: '0.0310', first: 60, next: 1, decimals: 6 });
    const r3 = await reseller('R3', r2.id, r3Buys);
    const retail = await card(r3.id, { peak: '0.1234', offPeak: '0.0617', first: 30, next: 6, decimals: 4 });
    const plan = await created('/service-plans', { name: 'Retail', sellRateCardId: retail, tenantId: r3.id });
    ids.account = await created('/accounts', {
      code: 'QP-1',
      name: 'Quoted customer',
      currency: 'EUR',
      servicePlanId: plan,
      tenantId: r3.id,
    });
    Object.assign(ids, { r1: r1.id, r2: r2.id, r3: r3.id });
    Object.assign(tokens, { r2: r2.token, r3: r3.token });
    const endUser = await kit.createUser(
      { id: r3.id },
      UserRole.Admin,
      `qp-user-${randomUUID()}@example.test`,
      ids.account,
    );
    tokens.endUser = await kit.login(endUser.email);
    const sibling = await reseller('Sibling', r1.id, r2Buys);
    tokens.sibling = sibling.token;
    const siblingPlan = await created('/service-plans', {
      name: 'S',
      sellRateCardId: retail,
      tenantId: r3.id,
    });
    ids.siblingAccount = await created('/accounts', {
      code: 'QP-2',
      name: 'Another customer of R3',
      currency: 'EUR',
      servicePlanId: siblingPlan,
      tenantId: r3.id,
    });

    const port = await freePort();
    worker = await startServiceProcess(
      workerEntryPoint,
      {
        DATABASE_URL: (kit.dataSource.options as { url: string }).url,
        REDIS_URL: process.env.REDIS_URL,
        CDR_WORKER_PROBE_PORT: String(port),
        QUEUE_PREFIX: queuePrefix,
        CDR_BATCH_WAIT_MS: '10',
        LOG_LEVEL: 'warn',
      },
      `http://127.0.0.1:${port}/health`,
    );
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await kit?.close();
  });

  it.each([
    ['inside the peak period', '2026-11-23T12:00:00.000Z', 61],
    ['across the peak/off-peak boundary', '2026-11-23T17:58:31.000Z', 250],
    ['off-peak, a few seconds', '2026-11-23T22:10:00.000Z', 7],
  ])('prices a call %s at every level exactly as the CDR pipeline', async (_what, startedAt, seconds) => {
    const quoted = await quote(owner, startedAt, seconds);
    expect(quoted.status).toBe(200);
    const { levels } = quoted.body;
    expect(levels.map((level) => [level.kind, level.partyId])).toEqual([
      ['customer', ids.account],
      ['reseller', ids.r3],
      ['reseller', ids.r2],
      ['reseller', ids.r1],
    ]);
    expect(levels.every((level) => level.price !== null)).toBe(true);
    expect(new Decimal(quoted.body.total).eq(levels[0]!.price!)).toBe(true);
    expect(quoted.body.billedSeconds).toBe(levels[0]!.billedSeconds);

    const pipeline = await pipelineOf(startedAt, seconds);
    expect(levels).toEqual(pipeline.levels);
    const charged = new Map(pipeline.ledger.map((entry) => [entry.party, new Decimal(entry.amount).neg()]));
    for (const level of levels) expect(charged.get(level.partyId)?.eq(level.price!)).toBe(true);
  });

  it('shows the boundary it crosses: peak seconds, then off-peak seconds, in the breakdown', async () => {
    const quoted = await quote(owner, '2026-11-23T17:58:31.000Z', 250);
    expect(quoted.body.parts.map((part) => [part.period, part.billedSeconds])).toEqual([
      ['peak', 89],
      ['off-peak', 163],
    ]);
    // 252 s billed (30 s, then 6 s pulses): 0.015 + (89 × 0.1234 + 163 × 0.0617) / 60 = 0.3656616…
    expect(quoted.body.total).toBe('0.3657');
  });

  it('shows each caller the levels a CDR would show it: its own and below, an end user its price only', async () => {
    const levelsFor = async (token: string) =>
      (await quote(token, '2026-11-23T12:00:00.000Z', 61)).body.levels.map((level) => level.partyId);
    expect(await levelsFor(tokens.r2)).toEqual([ids.account, ids.r3, ids.r2]);
    expect(await levelsFor(tokens.r3)).toEqual([ids.account, ids.r3]);
    expect(await levelsFor(tokens.endUser)).toEqual([ids.account]);
  });

  it("answers 404 to a reseller quoting another reseller's account, and to an end user quoting another account", async () => {
    expect((await quote(tokens.sibling, '2026-11-23T12:00:00.000Z', 61)).status).toBe(404);
    expect((await quote(tokens.endUser, '2026-11-23T12:00:00.000Z', 61, ids.siblingAccount)).status).toBe(
      404,
    );
    expect((await quote(tokens.r3, '2026-11-23T12:00:00.000Z', 61, ids.siblingAccount)).status).toBe(200);
  });
});
