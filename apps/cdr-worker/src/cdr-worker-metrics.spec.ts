import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { CDR_QUEUE, type CdrJobInput } from '@tollgate/cdr';
import { Account, dataSourceOptions, seedDemoOperator } from '@tollgate/db';
import { createTestDatabase, type TestDatabase } from '@tollgate/db/testing';
import { createMetricsRegistry, probeServerPort, startProbeServer } from '@tollgate/observability';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import pino from 'pino';
import { DataSource, QueryFailedError } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCdrPipeline, type CdrPipeline } from './cdr-pipeline';
import { registerCdrQueueGauges } from './cdr-queue-gauges';
import { failureReason } from './cdr-worker-metrics';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The value of one sample of the Prometheus text, or undefined when absent. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text
    .split('\n')
    .find((candidate) => candidate.startsWith(`${name}{`) && candidate.includes(labels));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('cdr-worker queue metrics on /metrics', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let redis: Redis;
  let probe: Server | undefined;
  let pipeline: CdrPipeline | undefined;
  let queue: Queue | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url, 'metrics-test')).initialize();
    await seedDemoOperator(dataSource);
    redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
  });
  afterEach(async () => {
    await pipeline?.close();
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await new Promise((resolve) => (probe ? probe.close(resolve) : resolve(undefined)));
    pipeline = undefined;
    queue = undefined;
    probe = undefined;
  });
  afterAll(async () => {
    await redis?.quit();
    await dataSource?.destroy();
    await database?.drop();
  });

  async function metricsOf(registry: ReturnType<typeof createMetricsRegistry>) {
    probe = await startProbeServer({ host: '127.0.0.1', port: 0, registry, checks: [] });
    const base = `http://127.0.0.1:${probeServerPort(probe)}`;
    return async () => (await fetch(`${base}/metrics`)).text();
  }

  it('shows the queue by state and the age of its oldest waiting job', async () => {
    const registry = createMetricsRegistry('cdr-worker');
    queue = new Queue(CDR_QUEUE, { connection: redis, prefix: `metrics-${randomUUID()}` });
    registerCdrQueueGauges(registry, queue);
    const scrape = await metricsOf(registry);
    expect(sample(await scrape(), 'tollgate_cdr_queue_oldest_waiting_seconds')).toBe(0);

    await queue.add('cdr', {}, { timestamp: Date.now() - 120_000 });
    await queue.add('cdr', {});
    await queue.add('cdr', {}, { delay: 600_000 });
    const text = await scrape();
    expect(sample(text, 'tollgate_cdr_queue_jobs', 'state="wait"')).toBe(2);
    expect(sample(text, 'tollgate_cdr_queue_jobs', 'state="delayed"')).toBe(1);
    expect(sample(text, 'tollgate_cdr_queue_jobs', 'state="failed"')).toBe(0);
    expect(sample(text, 'tollgate_cdr_queue_oldest_waiting_seconds')).toBeGreaterThanOrEqual(120);
    expect(sample(text, 'tollgate_cdr_queue_oldest_waiting_seconds')).toBeLessThan(180);
  });

  it('counts processed jobs, failures by reason class, and the delay from call end to storage', async () => {
    const registry = createMetricsRegistry('cdr-worker');
    const prefix = `metrics-${randomUUID()}`;
    pipeline = await startCdrPipeline(dataSource, registry, pino({ level: 'silent' }), {
      redisUrl: process.env.REDIS_URL!,
      prefix,
      batchSize: 10,
      batchWaitMs: 10,
    });
    queue = new Queue(CDR_QUEUE, { connection: redis, prefix });
    const scrape = await metricsOf(registry);
    const account = await dataSource.getRepository(Account).findOneByOrFail({ code: 'DT-1001' });
    const endedAt = new Date(Date.now() - 30_000);
    const cdr = (accountId: string): CdrJobInput => ({
      source: 'rest',
      callId: `${randomUUID()}@metrics.test`,
      accountId,
      direction: 'outbound',
      destination: '4930123456',
      startedAt: new Date(endedAt.getTime() - 60_000).toISOString(),
      answeredAt: new Date(endedAt.getTime() - 55_000).toISOString(),
      endedAt: endedAt.toISOString(),
      durationSeconds: 55,
      disposition: 'answered',
    });
    const jobs = await queue.addBulk([
      { name: 'cdr', data: cdr(account.id) },
      { name: 'cdr', data: cdr(randomUUID()) },
      { name: 'cdr', data: { not: 'a cdr' } },
    ]);
    for (let i = 0; i < 400; i++) {
      const states = await Promise.all(jobs.map((job) => queue!.getJobState(job.id!)));
      if (states.every((state) => state === 'completed' || state === 'failed')) break;
      await sleep(25);
    }
    const text = await scrape();
    expect(sample(text, 'tollgate_cdr_jobs_total', 'outcome="stored"')).toBe(1);
    expect(sample(text, 'tollgate_cdr_job_failures_total', 'reason="rejected"')).toBe(1);
    expect(sample(text, 'tollgate_cdr_job_failures_total', 'reason="malformed"')).toBe(1);
    expect(sample(text, 'tollgate_cdr_end_to_stored_seconds_count')).toBe(1);
    expect(sample(text, 'tollgate_cdr_end_to_stored_seconds_sum')).toBeGreaterThanOrEqual(30);
    expect(sample(text, 'tollgate_cdr_end_to_stored_seconds_bucket', 'le="10"')).toBe(0);
    expect(sample(text, 'tollgate_cdr_end_to_stored_seconds_bucket', 'le="60"')).toBe(1);
    expect(sample(text, 'tollgate_cdr_queue_jobs', 'state="failed"')).toBe(2);
  });

  it('classes errors: connection, database, other', () => {
    expect(failureReason(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe('connection');
    expect(failureReason(new QueryFailedError('SELECT 1', [], new Error('deadlock detected')))).toBe(
      'database',
    );
    expect(failureReason(new Error('boom'))).toBe('other');
  });
});
