import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import {
  CDR_BATCH_JOB_NAME,
  CDR_JOB_NAME,
  CDR_JOB_OPTIONS,
  CDR_QUEUE,
  cdrBatchJobId,
  cdrJobId,
  cdrJobSchema,
  cdrQueueEntries,
  singleCdrJobIdOf,
  type CdrJob,
} from '@tollgate/cdr';
import { Account, dataSourceOptions, seedDemoOperator } from '@tollgate/db';
import { createTestDatabase, type TestDatabase } from '@tollgate/db/testing';
import { createMetricsRegistry } from '@tollgate/observability';
import { Queue, type Job } from 'bullmq';
import Redis from 'ioredis';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCdrPipeline, type CdrPipeline } from './cdr-pipeline';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('cdr-worker: jobs that carry several CDRs', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let redis: Redis;
  let pipeline: CdrPipeline;
  let queue: Queue;
  let accountId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url, 'batch-jobs-test')).initialize();
    await seedDemoOperator(dataSource);
    accountId = (await dataSource.getRepository(Account).findOneByOrFail({ code: 'DT-1001' })).id;
    redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
    const prefix = `batch-jobs-${randomUUID()}`;
    pipeline = await startCdrPipeline(
      dataSource,
      createMetricsRegistry('cdr-worker'),
      pino({ level: 'silent' }),
      {
        redisUrl: process.env.REDIS_URL!,
        prefix,
        batchSize: 50,
        batchWaitMs: 10,
        writeConcurrency: 2,
      },
    );
    queue = new Queue(CDR_QUEUE, { connection: redis, prefix });
  });
  afterAll(async () => {
    await pipeline?.close();
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await redis?.quit();
    await dataSource?.destroy();
    await database?.drop();
  });

  /** A one-minute call at 0.06 a minute (the rate authorize matched), charged 0.06 live. */
  function cdr(overrides: Partial<CdrJob> = {}): CdrJob {
    const endedAt = new Date(Date.now() - 30_000);
    return cdrJobSchema.parse({
      source: 'rating-api',
      callId: `${randomUUID()}@batch.test`,
      accountId,
      direction: 'outbound',
      destination: '4930123456',
      startedAt: new Date(endedAt.getTime() - 65_000).toISOString(),
      answeredAt: new Date(endedAt.getTime() - 60_000).toISOString(),
      endedAt: endedAt.toISOString(),
      durationSeconds: 60,
      disposition: 'answered',
      rate: {
        prefix: '49',
        destination: 'Germany',
        currency: 'EUR',
        pricePerMinute: '0.06',
        connectFee: '0',
        minCharge: '0',
        firstInterval: 60,
        nextInterval: 60,
        freeSeconds: 0,
        noChargeBelow: 0,
        rounding: { mode: 'half-up', decimals: 4 },
      },
      ...overrides,
    });
  }

  async function finished(job: Job, timeoutMs = 15_000): Promise<Job> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await queue.getJobState(job.id!);
      if (state === 'completed' || state === 'failed') return (await queue.getJob(job.id!))!;
      if (Date.now() > deadline) throw new Error(`job ${job.id} still ${state}`);
      await sleep(25);
    }
  }

  /** Retries a job now instead of after its backoff, until it completes or fails for good. */
  async function exhausted(id: string): Promise<Job> {
    for (let i = 0; i < 800; i++) {
      const state = await queue.getJobState(id);
      if (state === 'failed' || state === 'completed') return (await queue.getJob(id))!;
      if (state === 'delayed') await (await queue.getJob(id))!.promote().catch(() => undefined);
      await sleep(25);
    }
    throw new Error(`job ${id} never finished`);
  }

  const storedCdrs = async (callIds: string[]) =>
    (await dataSource.query(`SELECT call_id FROM cdrs WHERE call_id = ANY($1)`, [callIds])) as unknown[];
  const chargesOf = async (callIds: string[]) =>
    (await dataSource.query(
      `SELECT reference, amount FROM ledger_entries WHERE reference = ANY($1) AND account_id = $2 ORDER BY reference`,
      [callIds, accountId],
    )) as Array<{ reference: string; amount: string }>;
  const balance = async () =>
    (
      (await dataSource.query(`SELECT amount FROM balances WHERE account_id = $1`, [accountId])) as Array<{
        amount: string;
      }>
    )[0]?.amount;

  it('stores every CDR of a job with its charges; the same CDRs queued again in any form change nothing', async () => {
    const cdrs = Array.from({ length: 120 }, () => cdr());
    const callIds = cdrs.map((one) => one.callId);
    const entries = cdrQueueEntries(cdrs, 60);
    expect(entries.map((entry) => entry.name)).toEqual([CDR_BATCH_JOB_NAME, CDR_BATCH_JOB_NAME]);
    const jobs = await queue.addBulk(entries);
    const results = await Promise.all(jobs.map((job) => finished(job)));
    expect(results.map((job) => job.returnvalue)).toEqual([
      { status: 'stored', stored: 60, duplicate: 0, split: 0 },
      { status: 'stored', stored: 60, duplicate: 0, split: 0 },
    ]);
    expect(await storedCdrs(callIds)).toHaveLength(120);
    const charges = await chargesOf(callIds);
    expect(charges).toHaveLength(120);
    expect(new Set(charges.map((charge) => charge.amount))).toEqual(new Set(['-0.060000']));
    const before = await balance();

    // The same jobs again: BullMQ keeps the first (same ids); regrouped, or one alone: found stored.
    expect((await queue.addBulk(cdrQueueEntries(cdrs, 60))).map((job) => job.id)).toEqual(
      jobs.map((job) => job.id),
    );
    const regrouped = await queue.add(
      CDR_BATCH_JOB_NAME,
      { cdrs: cdrs.slice(30, 90) },
      { ...CDR_JOB_OPTIONS, jobId: cdrBatchJobId(cdrs.slice(30, 90)) },
    );
    const alone = await queue.add(CDR_JOB_NAME, cdrs[7], {
      ...CDR_JOB_OPTIONS,
      jobId: `replay-${randomUUID()}`,
    });
    expect((await finished(regrouped)).returnvalue).toEqual({
      status: 'stored',
      stored: 0,
      duplicate: 60,
      split: 0,
    });
    expect((await finished(alone)).returnvalue).toEqual({ status: 'duplicate' });
    expect(await storedCdrs(callIds)).toHaveLength(120);
    expect(await chargesOf(callIds)).toHaveLength(120);
    expect(await balance()).toBe(before);
  });

  it('queues a rejected and a malformed CDR alone: each dead-letters with its reason, the others are stored', async () => {
    const good = [cdr(), cdr(), cdr()];
    const unknownAccount = cdr({ accountId: randomUUID() });
    const malformed = { ...cdr(), destination: 'not digits' };
    const items = [good[0], unknownAccount, good[1], malformed, good[2]];
    const job = await queue.add(
      CDR_BATCH_JOB_NAME,
      { cdrs: items },
      { ...CDR_JOB_OPTIONS, jobId: `batch-${randomUUID()}` },
    );
    expect((await finished(job)).returnvalue).toEqual({
      status: 'stored',
      stored: 3,
      duplicate: 0,
      split: 2,
    });
    expect(await storedCdrs(good.map((one) => one.callId))).toHaveLength(3);

    const rejected = await exhausted(cdrJobId(unknownAccount.callId, 'a'));
    expect(rejected.data).toEqual(unknownAccount);
    expect(rejected.failedReason).toBe(`account ${unknownAccount.accountId} does not exist`);
    const broken = await exhausted(singleCdrJobIdOf(malformed));
    expect(broken.id).toBe(cdrJobId(malformed.callId, 'a'));
    expect(broken.failedReason).toMatch(/^malformed CDR job: .*destination/s);
    expect(await storedCdrs([unknownAccount.callId, malformed.callId])).toHaveLength(0);
  });

  it('splits a job whose transaction fails into single-CDR jobs: the bad CDR fails alone, for good, with its reason', async () => {
    const good = [cdr(), cdr(), cdr()];
    // Priced above what numeric(20,8) holds: the insert fails, and the whole job's transaction with it.
    const overflowing = cdr({
      rate: { ...cdr().rate!, pricePerMinute: '9000000000000' },
    });
    const items = [good[0]!, overflowing, good[1]!, good[2]!];
    const before = await balance();
    const [job] = await queue.addBulk(cdrQueueEntries(items));
    const result = (await finished(job!)).returnvalue as { status: string; split: number; reason: string };
    expect(result).toMatchObject({ status: 'split', split: 4 });
    expect(result.reason).toMatch(/numeric field overflow/);

    const singles = await Promise.all(items.map((item) => exhausted(cdrJobId(item.callId, 'a'))));
    expect(await Promise.all(singles.map((single) => queue.getJobState(single.id!)))).toEqual([
      'completed',
      'failed',
      'completed',
      'completed',
    ]);
    const dead = singles[1]!;
    expect(await dead.isFailed()).toBe(true);
    expect(dead.attemptsMade).toBe(CDR_JOB_OPTIONS.attempts);
    expect(dead.failedReason).toMatch(/numeric field overflow/);
    expect(await storedCdrs(items.map((item) => item.callId))).toHaveLength(3);
    const charges = await chargesOf(good.map((one) => one.callId));
    expect(charges).toHaveLength(3);
    // The balance moved by the three good calls only, exactly.
    const [{ moved }] = (await dataSource.query(`SELECT ($1::numeric - $2::numeric)::text AS moved`, [
      before,
      await balance(),
    ])) as [{ moved: string }];
    expect(moved).toBe('0.180000');
  });
});
