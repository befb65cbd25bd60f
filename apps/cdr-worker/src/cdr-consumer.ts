import { CDR_QUEUE, cdrJobSchema, type CdrJob } from '@tollgate/cdr';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { Batcher } from './cdr-batcher';
import { failureReason, type CdrWorkerMetrics } from './cdr-worker-metrics';
import type { CdrOutcome, StoreCdrBatch } from './store-cdr-batch';

export interface CdrConsumerOptions {
  prefix: string;
  batchSize: number;
  batchWaitMs: number;
}

/**
 * The `cdrs` queue's worker. BullMQ hands jobs over one by one; up to `batchSize` of them are active at
 * once and written together in one transaction. When a batch fails, its jobs are written one by one, so
 * one bad CDR fails alone (and is retried with backoff, then kept as a failed job: the dead letter).
 */
export class CdrConsumer {
  private readonly batcher: Batcher<CdrJob, StepOutcome>;
  private readonly worker: Worker;

  constructor(
    connection: Redis,
    private readonly store: StoreCdrBatch,
    private readonly metrics: CdrWorkerMetrics,
    private readonly logger: Logger,
    options: CdrConsumerOptions,
  ) {
    this.batcher = new Batcher((jobs) => this.writeBatch(jobs), options.batchSize, options.batchWaitMs);
    this.worker = new Worker(CDR_QUEUE, (job) => this.process(job), {
      connection,
      prefix: options.prefix,
      concurrency: options.batchSize,
      autorun: false,
    });
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
  }

  private async process(job: Job): Promise<CdrOutcome> {
    const parsed = cdrJobSchema.safeParse(job.data);
    if (!parsed.success) {
      this.metrics.jobs.inc({ outcome: 'rejected' });
      this.metrics.failures.inc({ reason: 'malformed' });
      throw new UnrecoverableError(`malformed CDR job: ${parsed.error.message}`);
    }
    this.metrics.lag.observe((Date.now() - job.timestamp) / 1000);
    const outcome = await this.batcher.add(parsed.data);
    this.metrics.jobs.inc({ outcome: outcome.status === 'error' ? 'failed' : outcome.status });
    if (outcome.status === 'error') {
      this.metrics.failures.inc({ reason: failureReason(outcome.error) });
      throw outcome.error;
    }
    if (outcome.status === 'rejected') {
      this.metrics.failures.inc({ reason: 'rejected' });
      throw new UnrecoverableError(outcome.reason);
    }
    if (outcome.status === 'stored') {
      this.metrics.endToStored.observe(Math.max(0, Date.now() - Date.parse(parsed.data.endedAt)) / 1000);
      if (!outcome.rated) this.metrics.unrated.inc();
    }
    return outcome;
  }

  private async writeBatch(jobs: CdrJob[]): Promise<StepOutcome[]> {
    const endTimer = this.metrics.batchSeconds.startTimer();
    try {
      return await this.store.store(jobs);
    } catch (error) {
      if (jobs.length === 1) return [{ status: 'error', error }];
      this.logger.warn({ err: error, size: jobs.length }, 'CDR batch failed: writing its CDRs one by one');
      const outcomes: StepOutcome[] = [];
      for (const job of jobs) {
        try {
          outcomes.push((await this.store.store([job]))[0]!);
        } catch (single) {
          outcomes.push({ status: 'error', error: single });
        }
      }
      return outcomes;
    } finally {
      endTimer();
    }
  }
}

/** A job's outcome, or the error that failed it (retried with backoff). */
type StepOutcome = CdrOutcome | { status: 'error'; error: unknown };
