import {
  CDR_JOB_NAME,
  CDR_JOB_OPTIONS,
  CDR_QUEUE,
  cdrJobSchema,
  isCdrBatchJobData,
  singleCdrJobIdOf,
  type CdrJob,
} from '@tollgate/cdr';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { Batcher } from './cdr-batcher';
import { failureReason, type CdrWorkerMetrics } from './cdr-worker-metrics';
import type { CdrOutcome, StoreCdrBatch } from './store-cdr-batch';

export interface CdrConsumerOptions {
  prefix: string;
  /** CDRs written per transaction at most (a job's CDRs are never split across two). */
  batchSize: number;
  batchWaitMs: number;
  /** Batches written at once (each its own transaction and connection). */
  writeConcurrency?: number;
}

/** What a job holding several CDRs returns (its completed job keeps it a day). */
export type CdrBatchJobResult =
  | { status: 'stored'; stored: number; duplicate: number; split: number }
  /** Its transaction failed: every CDR was queued again as a single-CDR job, which fails alone. */
  | { status: 'split'; split: number; reason: string };

/**
 * The `cdrs` queue's worker. A job holds one CDR (its data) or several (`{ cdrs }`, from producers
 * that have many at once). CDRs of several jobs are gathered into batches of up to `batchSize`, each
 * written in one transaction; when a batch fails, each job's CDRs are written again on their own. A
 * single-CDR job that fails is retried with backoff, then kept as a failed job (the dead letter). A
 * several-CDR job never becomes a dead letter: the CDRs it could not store (rejected, malformed, or all
 * of them when its transaction failed) are queued again as single-CDR jobs, so a bad CDR fails alone.
 */
export class CdrConsumer {
  private readonly batcher: Batcher<CdrJob, StepOutcome>;
  private readonly worker: Worker;
  private readonly queue: Queue;

  constructor(
    connection: Redis,
    private readonly store: StoreCdrBatch,
    private readonly metrics: CdrWorkerMetrics,
    private readonly logger: Logger,
    private readonly options: CdrConsumerOptions,
  ) {
    this.batcher = new Batcher(
      (groups) => this.writeBatch(groups),
      options.batchSize,
      options.batchWaitMs,
      options.writeConcurrency ?? 1,
    );
    this.worker = new Worker(CDR_QUEUE, (job) => this.process(job), {
      connection,
      prefix: options.prefix,
      concurrency: options.batchSize,
      autorun: false,
    });
    this.queue = new Queue(CDR_QUEUE, { connection, prefix: options.prefix });
    this.worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        metrics.deadLetters.inc();
        logger.error(
          { jobId: job.id, callId: (job.data as CdrJob).callId, reason: error.message },
          'CDR job dead-lettered',
        );
      }
    });
    this.worker.on('error', (error) => logger.error({ err: error }, 'CDR queue error'));
  }

  start(): void {
    void this.worker.run();
  }

  async waitUntilReady(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.batcher.drain();
    await this.queue.close();
  }

  private process(job: Job): Promise<CdrOutcome | CdrBatchJobResult> {
    this.metrics.lag.observe((Date.now() - job.timestamp) / 1000);
    return isCdrBatchJobData(job.data) ? this.processMany(job, job.data.cdrs) : this.processOne(job);
  }

  private async processOne(job: Job): Promise<CdrOutcome> {
    this.fitConcurrency(1);
    const parsed = cdrJobSchema.safeParse(job.data);
    if (!parsed.success) {
      this.metrics.jobs.inc({ outcome: 'rejected' });
      this.metrics.failures.inc({ reason: 'malformed' });
      throw new UnrecoverableError(`malformed CDR job: ${parsed.error.message}`);
    }
    const [outcome] = (await this.batcher.add([parsed.data])) as [StepOutcome];
    this.count(parsed.data, outcome);
    if (outcome.status === 'error') {
      this.metrics.failures.inc({ reason: failureReason(outcome.error) });
      throw outcome.error;
    }
    if (outcome.status === 'rejected') {
      this.metrics.failures.inc({ reason: 'rejected' });
      throw new UnrecoverableError(outcome.reason);
    }
    return outcome;
  }

  private async processMany(job: Job, items: unknown[]): Promise<CdrBatchJobResult> {
    this.fitConcurrency(items.length);
    const cdrs: CdrJob[] = [];
    const malformed: unknown[] = [];
    for (const item of items) {
      const parsed = cdrJobSchema.safeParse(item);
      if (parsed.success) cdrs.push(parsed.data);
      else malformed.push(item);
    }
    const outcomes = await this.batcher.add(cdrs);
    const failed = outcomes.find((outcome) => outcome.status === 'error');
    if (failed) {
      const reason = failureReason(failed.error);
      this.metrics.failures.inc({ reason });
      // A lost connection is retried whole (with backoff) while attempts remain; anything else may be
      // one bad CDR: each is queued alone so that it fails alone, with its reason.
      if (reason === 'connection' && job.attemptsMade + 1 < (job.opts.attempts ?? 1)) throw failed.error;
      await this.split(job, items);
      this.metrics.jobs.inc({ outcome: 'split' }, items.length);
      return { status: 'split', split: items.length, reason: (failed.error as Error).message };
    }
    const rejected = cdrs.filter((_, index) => outcomes[index]!.status === 'rejected');
    const alone = [...malformed, ...rejected];
    if (alone.length > 0) {
      await this.split(job, alone);
      this.metrics.jobs.inc({ outcome: 'split' }, alone.length);
    }
    let stored = 0;
    cdrs.forEach((cdr, index) => {
      const outcome = outcomes[index]!;
      if (outcome.status === 'rejected') return;
      this.count(cdr, outcome);
      if (outcome.status === 'stored') stored += 1;
    });
    return {
      status: 'stored',
      stored,
      duplicate: cdrs.length - rejected.length - stored,
      split: alone.length,
    };
  }

  /**
   * Queues CDRs taken out of a several-CDR job as single-CDR jobs, under their own ids: queued once
   * however often the job is split (a retry after a crash adds nothing new).
   */
  private async split(job: Job, items: readonly unknown[]): Promise<void> {
    await this.queue.addBulk(
      items.map((item) => ({
        name: CDR_JOB_NAME,
        data: item,
        opts: { ...CDR_JOB_OPTIONS, jobId: singleCdrJobIdOf(item) },
      })),
    );
    this.logger.warn({ jobId: job.id, cdrs: items.length }, 'CDRs of a batch job queued again one by one');
  }

  /**
   * BullMQ's concurrency counts jobs: many single-CDR jobs must be active at once to fill a batch, few
   * several-CDR jobs (their CDRs are all in memory while active). Enough for four batches in hand.
   */
  private fitConcurrency(cdrsInJob: number): void {
    const wanted = Math.max(
      2,
      Math.min(this.options.batchSize, Math.ceil((4 * this.options.batchSize) / cdrsInJob)),
    );
    if (this.worker.concurrency !== wanted) this.worker.concurrency = wanted;
  }

  private count(cdr: CdrJob, outcome: StepOutcome): void {
    this.metrics.jobs.inc({ outcome: outcome.status === 'error' ? 'failed' : outcome.status });
    if (outcome.status === 'stored') {
      this.metrics.endToStored.observe(Math.max(0, Date.now() - Date.parse(cdr.endedAt)) / 1000);
      if (!outcome.rated) this.metrics.unrated.inc();
    }
  }

  /** One transaction for the whole batch; if it fails, one per job, so a bad job fails alone. */
  private async writeBatch(groups: CdrJob[][]): Promise<StepOutcome[][]> {
    const endTimer = this.metrics.batchSeconds.startTimer();
    try {
      const outcomes = await this.store.store(groups.flat());
      let next = 0;
      return groups.map((group) => outcomes.slice(next, (next += group.length)));
    } catch (error) {
      if (groups.length === 1) return [groups[0]!.map(() => ({ status: 'error', error }))];
      this.logger.warn({ err: error, jobs: groups.length }, 'CDR batch failed: writing its jobs one by one');
      const outcomes: StepOutcome[][] = [];
      for (const group of groups) {
        try {
          outcomes.push(await this.store.store(group));
        } catch (single) {
          outcomes.push(group.map(() => ({ status: 'error', error: single })));
        }
      }
      return outcomes;
    } finally {
      endTimer();
    }
  }
}

/** A CDR's outcome, or the error that failed its job's transaction. */
type StepOutcome = CdrOutcome | { status: 'error'; error: unknown };
