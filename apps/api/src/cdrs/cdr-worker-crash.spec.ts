import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { CDR_QUEUE, cdrQueueEntries, type CdrJob } from '@tollgate/cdr';
import { freePort, startServiceProcess, type ServiceProcess } from '@tollgate/observability/testing';
import { Queue } from 'bullmq';
import Decimal from 'decimal.js';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

const workerEntryPoint = join(__dirname, '..', '..', '..', 'cdr-worker', 'dist', 'main.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many CDRs: the 100,000 unless CDR_CRASH_TEST_CDRS says otherwise (timings in docs/cdrs.md). */
const TOTAL = Number(process.env.CDR_CRASH_TEST_CDRS ?? 100_000);
const ACCOUNTS = 20;
const ENQUEUED_PER_CALL = 5_000;

/**
 * The built cdr-worker, its own process, is killed with SIGKILL while it writes a queue of TOTAL CDRs
 * and started again: every CDR is stored exactly once, every charge posted once, and every balance is
 * the sum of its ledger, which is the sum of the CDRs' prices at each level.
 */
describe('cdr-worker killed with SIGKILL in the middle of its queue', () => {
  const prefix = `cdr-crash-${randomUUID()}`;
  let kit: ApiTestKit;
  let redis: Redis;
  let queue: Queue;
  let worker: ServiceProcess | undefined;
  let databaseUrl = '';
  const accounts: string[] = [];
  let reseller = '';

  const query = <T>(sql: string, parameters: unknown[] = []) =>
    kit.dataSource.query(sql, parameters) as Promise<T[]>;

  beforeAll(async () => {
    kit = await ApiTestKit.start({ QUEUE_PREFIX: prefix });
    databaseUrl = (kit.dataSource.options as { url: string }).url;
    const { user } = await kit.createTenant('Crash Owner');
    const owner = await kit.login(user.email);
    const created = async (token: string, url: string, body: object) => {
      const response = await kit.request('POST', url, { token, body });
      if (response.status !== 201)
        throw new Error(`${url}: ${response.status} ${JSON.stringify(response.body)}`);
      return (response.body as { id: string }).id;
    };
    const card = async (token: string, name: string, pricePerMinute: string, tenantId?: string) => {
      const id = await created(token, '/rate-cards', { name, kind: 'sell', currency: 'EUR', tenantId });
      await created(token, `/rate-cards/${id}/rates`, {
        prefix: '44',
        destination: 'UK',
        pricePerMinute,
        firstInterval: 1,
        nextInterval: 1,
        roundingMode: 'half_up',
        roundingDecimals: 4,
        effectiveFrom: '2020-01-01T00:00:00.000Z',
      });
      return id;
    };
    const buy = await card(owner, 'Reseller buys', '0.05');
    reseller = await created(owner, '/resellers', {
      name: 'Crash Reseller',
      settings: { buyRateCardId: buy, defaultCurrency: 'EUR' },
    });
    const sell = await card(owner, 'Retail', '0.07', reseller);
    const plan = await created(owner, '/service-plans', {
      name: 'Retail',
      sellRateCardId: sell,
      tenantId: reseller,
    });
    for (let i = 0; i < ACCOUNTS; i++)
      accounts.push(
        await created(owner, '/accounts', {
          code: `CRASH-${i}`,
          name: `Customer ${i}`,
          currency: 'EUR',
          billingType: 'postpaid',
          creditLimit: '1000000',
          servicePlanId: plan,
          tenantId: reseller,
        }),
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

  const startWorker = async () => {
    const port = await freePort();
    return startServiceProcess(
      workerEntryPoint,
      {
        DATABASE_URL: databaseUrl,
        REDIS_URL: process.env.REDIS_URL,
        CDR_WORKER_PROBE_PORT: String(port),
        QUEUE_PREFIX: prefix,
        CDR_BATCH_SIZE: '1000',
        CDR_BATCH_WAIT_MS: '20',
        LOG_LEVEL: 'error',
      },
      `http://127.0.0.1:${port}/health`,
    );
  };
  const stored = async () => (await query<{ n: number }>('SELECT count(*)::int AS n FROM cdrs'))[0]!.n;

  it(`stores exactly ${TOTAL} CDRs and posts each charge once across a kill -9 and a restart`, async () => {
    const started = Date.now();
    const start = Date.parse('2026-11-23T12:00:00Z');
    let queuedJobs = 0;
    for (let from = 0; from < TOTAL; from += ENQUEUED_PER_CALL) {
      const jobs: CdrJob[] = [];
      for (let i = from; i < Math.min(TOTAL, from + ENQUEUED_PER_CALL); i++) {
        const seconds = 1 + (i % 300);
        jobs.push({
          source: 'rest',
          callId: `crash-${i}@switch`,
          leg: 'a',
          accountId: accounts[i % ACCOUNTS]!,
          lineId: null,
          trunkServiceId: null,
          didId: null,
          direction: 'outbound',
          caller: null,
          destination: `4477009${String(i).padStart(5, '0')}`,
          dialled: null,
          startedAt: new Date(start + i * 1000).toISOString(),
          answeredAt: new Date(start + i * 1000).toISOString(),
          endedAt: new Date(start + i * 1000 + seconds * 1000).toISOString(),
          durationSeconds: seconds,
          disposition: 'answered',
          sipCode: 200,
          endCause: null,
          vendorId: null,
          vendorTrunkId: null,
          rate: null,
          liveCharged: null,
        });
      }
      // A mixed queue, as during an upgrade: most CDRs in jobs of several (as bulk producers queue
      // them), every fourth chunk one job per CDR (as older producers did).
      const entries = (from / ENQUEUED_PER_CALL) % 4 === 3 ? cdrQueueEntries(jobs, 1) : cdrQueueEntries(jobs);
      await queue.addBulk(entries);
      queuedJobs += entries.length;
    }
    const enqueuedIn = Date.now() - started;

    worker = await startWorker();
    const workerStarted = Date.now();
    const killAt = Math.floor(TOTAL * 0.4);
    while ((await stored()) < killAt) await sleep(20);
    worker.child.kill('SIGKILL');
    expect(await worker.stop()).toEqual({ code: null, signal: 'SIGKILL' });
    const atKill = await stored();
    const beforeKill = Date.now() - workerStarted;
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(TOTAL);

    const restarted = Date.now();
    worker = await startWorker();
    // Jobs active at the kill come back once their lock expires (BullMQ's stalled-job check, ~30–60 s).
    for (;;) {
      const counts = await queue.getJobCounts('completed', 'failed');
      if (counts.completed! + counts.failed! >= queuedJobs) break;
      await sleep(200);
    }
    const recoveredIn = Date.now() - restarted;
    console.log(
      `kill -9 test: ${TOTAL} CDRs in ${queuedJobs} jobs enqueued in ${enqueuedIn} ms; ${atKill} stored in ${beforeKill} ms, then killed; ` +
        `restart to all done in ${recoveredIn} ms; load average ${loadavg()[0]!.toFixed(1)}`,
    );

    // Every job completed, none failed, none split into single-CDR jobs (which would add jobs).
    expect(await queue.getJobCounts('completed', 'failed')).toEqual({ completed: queuedJobs, failed: 0 });
    expect(
      await query('SELECT count(*)::int AS cdrs, count(DISTINCT call_id)::int AS calls FROM cdrs'),
    ).toEqual([{ cdrs: TOTAL, calls: TOTAL }]);
    const [ledger] = await query<{ entries: number; keys: number }>(
      `SELECT count(*)::int AS entries, count(DISTINCT idempotency_key)::int AS keys
         FROM ledger_entries WHERE kind = 'call_charge'`,
    );
    expect(ledger).toEqual({ entries: 2 * TOTAL, keys: 2 * TOTAL });
    const balances = await query<{ party: string; amount: string; ledger: string }>(
      `SELECT coalesce(b.account_id, b.reseller_tenant_id)::text AS party, b.amount::text AS amount,
              (SELECT coalesce(sum(e.amount), 0)::text FROM ledger_entries e
                WHERE e.account_id IS NOT DISTINCT FROM b.account_id
                  AND e.reseller_tenant_id IS NOT DISTINCT FROM b.reseller_tenant_id) AS ledger
         FROM balances b`,
    );
    expect(balances).toHaveLength(ACCOUNTS + 1);
    for (const balance of balances) expect(balance.amount).toBe(balance.ledger);
    // The accounts are charged each CDR's price; the reseller its buy price, kept in the CDR's levels.
    const [sums] = await query<Record<string, string>>(
      `SELECT (SELECT sum(amount) FROM balances WHERE account_id IS NOT NULL)::text AS accounts,
              (-sum(price))::text AS prices,
              (SELECT sum(amount) FROM balances WHERE reseller_tenant_id = $1)::text AS reseller,
              (-sum((SELECT (level->>'price')::numeric FROM jsonb_array_elements(levels) AS level
                      WHERE level->>'kind' = 'reseller')))::text AS "buyPrices"
         FROM cdrs`,
      [reseller],
    );
    expect(new Decimal(sums!.accounts!).eq(sums!.prices!)).toBe(true);
    expect(new Decimal(sums!.reseller!).eq(sums!.buyPrices!)).toBe(true);
    expect(new Decimal(sums!.accounts!).isNegative()).toBe(true);
  }, 900_000);
});
