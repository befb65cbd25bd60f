import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CDR_QUEUE, cdrBatchJobId, cdrJobId, type CdrJob } from '@tollgate/cdr';
import { CreditPools } from '@tollgate/credit-pools';
import { freePort, startServiceProcess, type ServiceProcess } from '@tollgate/observability/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDecision } from '../rating-api/dto/rating-api.dto';
import { CatalogChanges } from '../rating-catalog/catalog-changes';
import { RatingCatalog } from '../rating-catalog/rating-catalog';
import { ApiTestKit, TEST_RATING_TOKEN } from '../testing/api-test-kit';
import { finishedImport, uploadCdrFile } from '../cdr-imports/cdr-import-test-fixtures';
import { CdrQueue } from './cdr-queue';

const workerEntryPoint = join(__dirname, '..', '..', '..', 'cdr-worker', 'dist', 'main.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The whole pipeline on the real servers: the rating API settles a call and hands it to the `cdrs`
 * queue; the built cdr-worker (its own process) rates it at every level and writes the CDR, the ledger
 * and the balances; the credit pool swaps its live amount for the posted charge.
 */
describe('CDR pipeline: rating API → queue → cdr-worker → PostgreSQL', () => {
  const prefix = `cdr-test-${randomUUID()}`;
  let kit: ApiTestKit;
  let worker: ServiceProcess;
  let queue: Queue;
  let redis: Redis;
  let admin = '';
  const ids = { r1: '', r2: '', account: '', vendor: '', owner: '' };

  const created = async (url: string, body: object) => {
    const response = await kit.request('POST', url, { token: admin, body });
    if (response.status !== 201)
      throw new Error(`${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return (response.body as { id: string }).id;
  };
  const card = async (
    name: string,
    kind: 'sell' | 'buy',
    tenantId: string,
    rates: Array<[string, string, number]>,
  ) => {
    const id = await created('/rate-cards', { name, kind, currency: 'EUR', tenantId });
    for (const [prefix, pricePerMinute, interval] of rates)
      await created(`/rate-cards/${id}/rates`, {
        prefix,
        destination: `Prefix ${prefix}`,
        pricePerMinute,
        firstInterval: interval,
        nextInterval: interval,
        roundingMode: 'half_up',
        roundingDecimals: 4,
        effectiveFrom: '2020-01-01T00:00:00.000Z',
      });
    return id;
  };
  const rating = <T>(path: string, body: object) =>
    kit.request<T>('POST', `/rating/${path}`, { token: TEST_RATING_TOKEN, body, ip: '127.0.0.1' });
  const query = <T = Record<string, string>>(sql: string, parameters: unknown[] = []) =>
    kit.dataSource.query(sql, parameters) as Promise<T[]>;

  /** authorize → begin → end, as Kamailio posts them; returns the call and its end body. */
  async function placeCall(destination: string, seconds: number) {
    const callId = `${randomUUID()}@pbx.test`;
    const decision = await rating<CallDecision>('authorize', {
      callId,
      fromTag: 'ft',
      sourceIp: '203.0.113.7',
      destination,
    });
    expect(decision.body).toMatchObject({ authorized: true, accountId: ids.account });
    await rating('begin', { callId, fromTag: 'ft', toTag: 'tt', accountId: ids.account });
    const end = {
      callId,
      fromTag: 'ft',
      toTag: 'tt',
      accountId: ids.account,
      durationSeconds: seconds,
      sipCode: 200,
    };
    expect((await rating<{ status: string; cost: string }>('end', end)).body).toMatchObject({
      status: 'settled',
    });
    return { callId, end };
  }

  async function cdrsOf(callId: string, expected = 1) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const rows = await query(`SELECT * FROM cdrs WHERE call_id = $1`, [callId]);
      if (rows.length >= expected || Date.now() > deadline) return rows;
      await sleep(50);
    }
  }

  const ledgerOf = (callId: string) =>
    query<{ account_id: string | null; reseller_tenant_id: string | null; amount: string; kind: string }>(
      `SELECT account_id, reseller_tenant_id, amount::text, kind::text FROM ledger_entries WHERE reference = $1 ORDER BY ledger_entries.amount`,
      [callId],
    );

  beforeAll(async () => {
    kit = await ApiTestKit.start({ QUEUE_PREFIX: prefix });
    const { user } = await kit.createTenant('Pipeline Owner');
    ids.owner = user.tenantId;
    admin = await kit.login(user.email);
    // The owner sells to reseller R1 at 0.04/min, R1 to R2 at 0.05/min (per second); R2's customer pays
    // 0.06/min in whole minutes; the vendor costs 0.02/min. R1's buy card prices mobiles (447) only.
    const r1Buy = await card('R1 buys', 'sell', ids.owner, [['447', '0.04', 1]]);
    ids.r1 = await created('/resellers', {
      name: 'R1',
      settings: { buyRateCardId: r1Buy, defaultCurrency: 'EUR' },
    });
    const r2Buy = await card('R2 buys', 'sell', ids.r1, [
      ['44', '0.05', 1],
      ['4420', '0.05', 1],
    ]);
    ids.r2 = await created('/resellers', {
      name: 'R2',
      parentId: ids.r1,
      settings: { buyRateCardId: r2Buy, defaultCurrency: 'EUR' },
    });
    const vendorBuy = await card('Carrier buys', 'buy', ids.owner, [['44', '0.02', 1]]);
    ids.vendor = await created('/vendors', { name: 'Carrier', currency: 'EUR', buyRateCardId: vendorBuy });
    await created(`/vendors/${ids.vendor}/trunks`, { name: 'gw', host: '198.51.100.10', port: 5060 });
    const routing = await created('/routing-plans', { name: 'LCR', strategy: 'lcr' });
    await created(`/routing-plans/${routing}/vendors`, { vendorId: ids.vendor });
    const retail = await card('Retail', 'sell', ids.r2, [['44', '0.06', 60]]);
    const plan = await created('/service-plans', {
      name: 'Retail',
      sellRateCardId: retail,
      tenantId: ids.r2,
    });
    ids.account = await created('/accounts', {
      code: 'CUST-1',
      name: 'Customer',
      currency: 'EUR',
      servicePlanId: plan,
      tenantId: ids.r2,
    });
    await created('/services', {
      accountId: ids.account,
      kind: 'sip_trunk',
      name: 'PBX',
      allowedSourceIps: ['203.0.113.0/24'],
    });
    await kit.request('POST', `/accounts/${ids.account}/top-ups`, {
      token: admin,
      body: { amount: '10', idempotencyKey: 'pipeline-top-up' },
    });
    const since = Date.now();
    await kit.app.get(CatalogChanges).announce();
    while (kit.app.get(RatingCatalog).loadedAt.getTime() <= since) await sleep(10);

    const port = await freePort();
    worker = await startServiceProcess(
      workerEntryPoint,
      {
        DATABASE_URL: (kit.dataSource.options as { url: string }).url,
        REDIS_URL: process.env.REDIS_URL,
        CDR_WORKER_PROBE_PORT: String(port),
        QUEUE_PREFIX: prefix,
        CDR_BATCH_WAIT_MS: '10',
        LOG_LEVEL: 'warn',
      },
      `http://127.0.0.1:${port}/health`,
    );
    redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
    queue = new Queue(CDR_QUEUE, { connection: redis, prefix });
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await redis?.quit();
    await kit?.close();
  });

  it('stores one CDR and posts one charge per level, however often end is posted and the job enqueued', async () => {
    const { callId, end } = await placeCall('+447700900123', 61);
    expect((await rating<{ status: string }>('end', end)).body).toMatchObject({ status: 'already-settled' });
    const [cdr] = await cdrsOf(callId);
    const first = (await queue.getJob(cdrJobId(callId, 'a')))!;
    for (let i = 0; i < 300 && !(await first.isCompleted()); i++) await sleep(20);
    // Enqueued again by the producer: the same job id, so BullMQ keeps the first and adds nothing.
    await kit.app.get(CdrQueue).enqueue(first.data as CdrJob);
    expect((await queue.getJobCounts()).completed).toBe(1);
    // The same CDR under another job id (a second source, or after the first job was removed).
    const replay = await queue.add('cdr', first.data, { jobId: `replay-${randomUUID()}` });
    for (let i = 0; i < 300 && !(await replay.isCompleted()); i++) await sleep(20);
    expect(await replay.isCompleted()).toBe(true);

    expect(await cdrsOf(callId)).toHaveLength(1);
    expect(cdr).toMatchObject({
      account_id: ids.account,
      tenant_id: ids.r2,
      direction: 'outbound',
      destination: '447700900123',
      duration_seconds: 61,
      billed_seconds: 120,
      disposition: 'answered',
      sip_code: 200,
      vendor_id: ids.vendor,
      price: '0.12000000',
      live_charged: '0.12000000',
      vendor_cost: '0.02030000',
      rating_status: 'rated',
      unrated_reason: null,
    });
    expect(
      (cdr!.levels as unknown as Array<Record<string, unknown>>).map((level) => [
        level.kind,
        level.partyId,
        level.price,
        level.margin,
      ]),
    ).toEqual([
      ['customer', ids.account, '0.12', null],
      ['reseller', ids.r2, '0.0508', '0.0692'],
      ['reseller', ids.r1, '0.0407', '0.0101'],
      ['vendor', ids.vendor, '0.0203', '0.0204'],
    ]);
    expect(await ledgerOf(callId)).toEqual([
      { account_id: ids.account, reseller_tenant_id: null, amount: '-0.120000', kind: 'call_charge' },
      { account_id: null, reseller_tenant_id: ids.r2, amount: '-0.050800', kind: 'call_charge' },
      { account_id: null, reseller_tenant_id: ids.r1, amount: '-0.040700', kind: 'call_charge' },
    ]);
  });

  it('keeps every balance equal to the sum of its ledger, and the pool counts each call once', async () => {
    const balances = await query<{ party: string; amount: string; ledger: string }>(
      `SELECT coalesce(b.account_id, b.reseller_tenant_id)::text AS party, b.amount::text AS amount,
              (SELECT coalesce(sum(e.amount), 0)::text FROM ledger_entries e
                WHERE e.account_id IS NOT DISTINCT FROM b.account_id
                  AND e.reseller_tenant_id IS NOT DISTINCT FROM b.reseller_tenant_id) AS ledger
         FROM balances b WHERE coalesce(b.account_id, b.reseller_tenant_id) = ANY($1::uuid[])`,
      [[ids.account, ids.r1, ids.r2]],
    );
    expect(balances).toHaveLength(3);
    for (const balance of balances) expect(balance.amount).toBe(balance.ledger);
    const account = balances.find((balance) => balance.party === ids.account)!;
    const pool = await kit.app.get(CreditPools).pool(ids.account);
    expect(pool!.charged.toFixed()).toBe('0');
    expect(pool!.balance.eq(account.amount)).toBe(true);
  });

  it('stores a call a level cannot price as unrated, with the reason, and charges the levels that can', async () => {
    const { callId } = await placeCall('+442071234567', 30);
    const [cdr] = await cdrsOf(callId);
    expect(cdr).toMatchObject({ rating_status: 'unrated', price: '0.06000000' });
    expect(cdr!.unrated_reason).toMatch(/^reseller .*: no rate for 442071234567 at /);
    expect((await ledgerOf(callId)).map((entry) => entry.account_id ?? entry.reseller_tenant_id)).toEqual([
      ids.account,
      ids.r2,
    ]);
  });

  const ingest = (lines: object[]) =>
    kit.app.inject({
      method: 'POST',
      url: '/cdrs/ingest',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-ndjson' },
      payload: lines.map((line) => JSON.stringify(line)).join('\n'),
    });

  it('stores a CDR sent by the switch, by an integrator and by end once, and charges it once', async () => {
    const { callId } = await placeCall('+447700900456', 30);
    const [live] = await cdrsOf(callId);
    const switchCdr = {
      callId,
      accountId: ids.account,
      direction: 'outbound',
      destination: '447700900456',
      startedAt: (live!.started_at as unknown as Date).toISOString(),
      answeredAt: (live!.answered_at as unknown as Date).toISOString(),
      endedAt: (live!.ended_at as unknown as Date).toISOString(),
      durationSeconds: 30,
      disposition: 'answered',
    };
    const fresh = { ...switchCdr, callId: `${randomUUID()}@switch`, durationSeconds: 90 };
    for (let i = 0; i < 2; i++) expect((await ingest([switchCdr, fresh])).statusCode).toBe(202);
    const [stored] = await cdrsOf(fresh.callId);
    // Both lines travel in one job, sent twice under the same id and kept once: the call `end` had
    // handed over already is found stored, the other stored, in one transaction.
    const batch = (await queue.getJob(
      cdrBatchJobId([
        { callId, leg: 'a' },
        { callId: fresh.callId, leg: 'a' },
      ]),
    ))!;
    for (let i = 0; i < 300 && !(await batch.isCompleted()); i++) await sleep(20);
    expect((await queue.getJob(batch.id!))!.returnvalue).toEqual({
      status: 'stored',
      stored: 1,
      duplicate: 1,
      split: 0,
    });
    const replay = await queue.add('cdr', { ...fresh, source: 'rest' }, { jobId: `replay-${randomUUID()}` });
    for (let i = 0; i < 300 && !(await replay.isCompleted()); i++) await sleep(20);
    expect(await cdrsOf(callId)).toHaveLength(1);
    expect(await cdrsOf(fresh.callId)).toHaveLength(1);
    expect(await ledgerOf(callId)).toHaveLength(3);
    // Rated from the plan's sell card (no live rate): two whole minutes at 0.06.
    expect(stored).toMatchObject({
      source: 'rest',
      price: '0.12000000',
      live_charged: null,
      rating_status: 'rated',
    });
    expect((await ledgerOf(fresh.callId)).map((entry) => entry.amount)).toEqual([
      '-0.120000',
      '-0.075000',
      '-0.060000',
    ]);
  });

  it('stores a call sent by end, by POST /cdrs/ingest and in a switch file once: one CDR, one charge per level', async () => {
    const { callId } = await placeCall('+447700900321', 45);
    const [live] = await cdrsOf(callId);
    const startedAt = (live!.started_at as unknown as Date).toISOString();
    const endedAt = (live!.ended_at as unknown as Date).toISOString();
    const ingested = {
      callId,
      accountId: ids.account,
      direction: 'outbound',
      destination: '447700900321',
      startedAt,
      answeredAt: (live!.answered_at as unknown as Date).toISOString(),
      endedAt,
      durationSeconds: 45,
      disposition: 'answered',
    };
    expect((await ingest([ingested])).statusCode).toBe(202);
    // The kept job would make BullMQ drop the file's copy: remove it, so the worker meets the call again.
    const job = (await queue.getJob(cdrJobId(callId, 'a')))!;
    for (let i = 0; i < 300 && !(await job.isCompleted()); i++) await sleep(20);
    await job.remove();
    const file = [
      'Call-ID,Called,Start,Talk,Source',
      `${callId},+447700900321,${startedAt},45,203.0.113.7`,
    ].join('\n');
    const mapping = {
      callId: 'Call-ID',
      destination: 'Called',
      startedAt: 'Start',
      durationSeconds: 'Talk',
      sourceIp: 'Source',
    };
    const started = await uploadCdrFile(kit, admin, file, {
      format: 'generic',
      mapping: JSON.stringify(mapping),
    });
    expect(started.status).toBe(202);
    expect(await finishedImport(kit, admin, started.body.id)).toMatchObject({
      status: 'completed',
      rowsEnqueued: 1,
    });
    const fromFile = (await queue.getJob(cdrJobId(callId, 'a')))!;
    expect(fromFile.data).toMatchObject({ source: 'file-import', accountId: ids.account, callId });
    for (let i = 0; i < 300 && !(await fromFile.isCompleted()); i++) await sleep(20);
    expect(await fromFile.isCompleted()).toBe(true);
    // The worker met the call again and found it stored: nothing written.
    expect((await queue.getJob(cdrJobId(callId, 'a')))!.returnvalue).toEqual({ status: 'duplicate' });

    const cdrs = await cdrsOf(callId);
    expect(cdrs).toHaveLength(1);
    expect(cdrs[0]).toMatchObject({ source: 'rating-api', price: '0.06000000' });
    expect(
      (await ledgerOf(callId)).map((entry) => [entry.account_id ?? entry.reseller_tenant_id, entry.amount]),
    ).toEqual([
      [ids.account, '-0.060000'],
      [ids.r2, '-0.037500'],
      [ids.r1, '-0.030000'],
    ]);
  });

  it('refuses a batch with a bad line, naming every bad field, and queues none of it', async () => {
    const good = {
      callId: `${randomUUID()}@switch`,
      accountId: ids.account,
      direction: 'outbound',
      destination: '447700900789',
      startedAt: '2026-11-23T12:00:00Z',
      endedAt: '2026-11-23T12:01:00Z',
      durationSeconds: 60,
      disposition: 'answered',
    };
    const response = await ingest([
      good,
      { ...good, callId: 'x', destination: '+44 77' },
      { ...good, accountId: randomUUID() },
    ]);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).errors).toEqual([
      expect.objectContaining({ field: 'lines.1.destination' }),
      { field: 'lines.2.accountId', reason: 'no such account' },
    ]);
    const unknown = await ingest([good, { ...good, callId: 'y', accountId: randomUUID() }]);
    expect(JSON.parse(unknown.body).errors).toEqual([
      { field: 'lines.1.accountId', reason: 'no such account' },
    ]);
    await sleep(300);
    expect(await cdrsOf(good.callId, 0)).toHaveLength(0);
  });
});
