import {
  CDR_RERATING_JOB_OPTIONS,
  CDR_RERATING_QUEUE,
  cdrReratingJobId,
  cdrReratingJobSchema,
  type CdrReratingJob,
} from '@tollgate/cdr';
import { CreditPools } from '@tollgate/credit-pools';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import Redis from 'ioredis';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { RateCardCache } from './rate-card-cache';
import { RunCdrRerating } from './run-cdr-rerating';

/** The API announces catalog changes here (see the API's CatalogChanges); the message is the database. */
const CATALOG_CHANGED_CHANNEL = 'tollgate:catalog:changed';

export interface CdrReratingOptions {
  redisUrl: string;
  prefix: string;
  /** CDRs repriced per transaction. */
  batchSize: number;
  /** How often unrated CDRs are swept anyway (a catalog change announced while no worker listened). */
  sweepEveryMs: number;
  /** Wait after a catalog change before sweeping, so a burst of rate edits makes one sweep. */
  sweepDelayMs: number;
  poolKeyPrefix?: string;
}

export interface CdrReratings {
  readonly queue: Queue<CdrReratingJob>;
  close(): Promise<void>;
}

/**
 * cdr-worker's side of rerating: the `cdr-reratings` queue's worker (one rerating at a time per
 * process), and the sweep of unrated CDRs queued after every catalog change and periodically, so a CDR
 * left unrated for want of a rate is priced when the rate appears. Separate from the CDR write path.
 */
export async function startCdrReratings(
  dataSource: DataSource,
  cards: RateCardCache,
  registry: Registry,
  logger: Logger,
  options: CdrReratingOptions,
): Promise<CdrReratings> {
  const connection = new Redis(options.redisUrl, {
    maxRetriesPerRequest: null,
    connectionName: 'tollgate-cdr-worker-reratings',
  });
  const poolsConnection = new Redis(options.redisUrl, {
    connectionName: 'tollgate-cdr-worker-rerating-pools',
  });
  const subscriber = new Redis(options.redisUrl, { connectionName: 'tollgate-cdr-worker-rerating-catalog' });
  const pools = new CreditPools(
    poolsConnection,
    options.poolKeyPrefix ? { keyPrefix: options.poolKeyPrefix } : {},
  );
  const runner = new RunCdrRerating(dataSource, cards, pools, logger, options.batchSize);
  const rerated = new Counter({
    name: 'tollgate_cdr_rerated_total',
    help: 'CDRs whose charges a rerating changed, by kind (rerating, unrated-sweep)',
    labelNames: ['kind'],
    registers: [registry],
  });
  const queue = new Queue<CdrReratingJob>(CDR_RERATING_QUEUE, { connection, prefix: options.prefix });
  const worker = new Worker<CdrReratingJob>(
    CDR_RERATING_QUEUE,
    async (job: Job<CdrReratingJob>) => {
      const parsed = cdrReratingJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`malformed rerating job: ${parsed.error.message}`);
      const outcome = await runner.run(parsed.data);
      rerated.inc({ kind: parsed.data.kind }, outcome.changed);
      return outcome;
    },
    // A batch of a big rerating may hold the job for a while between lock renewals.
    { connection, prefix: options.prefix, concurrency: 1, autorun: false, lockDuration: 120_000 },
  );
  worker.on('failed', (job, error) => {
    logger.error({ jobId: job?.id, reason: error.message }, 'rerating job failed');
    const data = job?.data;
    if (job && data?.kind === 'rerating' && job.attemptsMade >= (job.opts.attempts ?? 1))
      void runner
        .fail(data.reratingId, error.message)
        .catch((failure: unknown) => logger.error({ err: failure }, 'rerating not marked failed'));
  });
  worker.on('error', (error) => logger.error({ err: error }, 'rerating queue error'));
  void worker.run();
  await worker.waitUntilReady();

  const sweep = (delay: number) =>
    queue
      .add(
        'unrated-sweep',
        { kind: 'unrated-sweep' },
        {
          ...CDR_RERATING_JOB_OPTIONS,
          jobId: cdrReratingJobId({ kind: 'unrated-sweep' }, Date.now() + delay),
          delay,
        },
      )
      .catch((error: unknown) => logger.warn({ err: error }, 'unrated CDRs sweep not queued'));
  const database = String(dataSource.driver.database ?? '');
  subscriber.on('message', (_channel: string, message: string) => {
    if (message === database) void sweep(options.sweepDelayMs);
  });
  await subscriber.subscribe(CATALOG_CHANGED_CHANNEL);
  const timer = setInterval(() => void sweep(0), options.sweepEveryMs);
  timer.unref();
  await requeueUnfinished(dataSource, queue);
  void sweep(0);

  return {
    queue,
    async close() {
      clearInterval(timer);
      await worker.close();
      await queue.close();
      await Promise.all(
        [connection, poolsConnection, subscriber].map((redis) => redis.quit().catch(() => undefined)),
      );
    },
  };
}

/** Reratings the API recorded but no job finished (Redis lost its queue): queued again, once each. */
async function requeueUnfinished(dataSource: DataSource, queue: Queue<CdrReratingJob>): Promise<void> {
  const rows = (await dataSource.query(
    `SELECT id FROM cdr_reratings WHERE status IN ('queued', 'running') ORDER BY created_at`,
  )) as Array<{ id: string }>;
  for (const { id } of rows) {
    const job: CdrReratingJob = { kind: 'rerating', reratingId: id };
    await queue.add('rerating', job, { ...CDR_RERATING_JOB_OPTIONS, jobId: cdrReratingJobId(job) });
  }
}
