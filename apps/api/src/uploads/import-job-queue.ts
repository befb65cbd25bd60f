import { Logger } from '@nestjs/common';
import { type Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import type { ApiEnvironment } from '../api-environment';

const ATTEMPTS = 3;

export interface ImportJobQueueOptions {
  /** BullMQ queue name, e.g. `rate-deck-imports`. */
  name: string;
  /** Runs one import; `lastAttempt` tells it to record a failure for good. */
  run(importId: string, attempt: { lastAttempt: boolean }): Promise<void>;
  /** Ids of the imports not yet completed, rejected or failed. */
  unfinished(): Promise<string[]>;
}

/**
 * The BullMQ queue of one kind of file import and its worker, in every API process (rate decks, CDR
 * files). One import at a time per process: an import keeps a core busy. Job ids are import ids, so an
 * import is queued once however often it is enqueued. Its keys start with QUEUE_PREFIX, like every
 * queue of the platform: installations (or test databases) sharing one Redis give each their own prefix.
 */
export class ImportJobQueue {
  private readonly logger: Logger;
  private readonly queue: Queue<{ importId: string }>;
  private readonly connection: Redis;
  private worker: Worker<{ importId: string }> | undefined;

  constructor(
    private readonly env: ApiEnvironment,
    private readonly options: ImportJobQueueOptions,
  ) {
    this.logger = new Logger(`ImportJobQueue:${options.name}`);
    // BullMQ's workers block on Redis: their connection must retry for ever rather than fail requests.
    this.connection = new Redis(env.REDIS_URL, {
      maxRetriesPerRequest: null,
      connectionName: `tollgate-api-${options.name}`,
    });
    this.queue = new Queue(options.name, {
      connection: this.connection,
      prefix: env.QUEUE_PREFIX,
      defaultJobOptions: {
        attempts: ATTEMPTS,
        backoff: { type: 'exponential', delay: 5_000 },
        removeOnComplete: true,
        removeOnFail: 1_000,
      },
    });
  }

  /** Queues the import after its row is committed. */
  async enqueue(importId: string): Promise<void> {
    await this.queue.add('import', { importId }, { jobId: importId });
  }

  /**
   * Starts the worker, and queues again every import left unfinished (a restart of Redis, or of every
   * API process, loses nothing: the job id dedupes imports still queued).
   */
  async start(): Promise<void> {
    this.worker = new Worker(this.options.name, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.env.QUEUE_PREFIX,
      concurrency: 1,
      // A big file is checked for many seconds without yielding to BullMQ's lock renewal for long.
      lockDuration: 120_000,
    });
    this.worker.on('error', (error) => this.logger.error(`import worker: ${error.message}`));
    await this.requeueUnfinished();
  }

  /** Queues again every import not yet completed, rejected or failed; answers how many. */
  async requeueUnfinished(): Promise<number> {
    const unfinished = await this.options.unfinished();
    for (const id of unfinished) await this.enqueue(id);
    return unfinished.length;
  }

  async close(): Promise<void> {
    await this.worker?.waitUntilReady().catch(() => undefined);
    await this.worker?.close();
    await this.queue.close();
    await this.connection.quit().catch(() => this.connection.disconnect());
  }

  private async process(job: Job<{ importId: string }>): Promise<void> {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await this.options.run(job.data.importId, { lastAttempt });
  }
}
