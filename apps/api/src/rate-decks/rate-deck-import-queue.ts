import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateDeckImport, RateDeckImportStatus } from '@tollgate/db';
import { type Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { DataSource, In } from 'typeorm';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { RunRateDeckImportJob } from './run-rate-deck-import.job';

export const RATE_DECK_IMPORT_QUEUE = 'rate-deck-imports';

export interface RateDeckImportJobData {
  importId: string;
}

const ATTEMPTS = 3;

/**
 * The BullMQ queue of rate deck imports and its worker, in every API process. One import at a time per
 * process: an import keeps a core busy. Job ids are import ids, so an import is queued once however
 * often it is enqueued. Its keys start with QUEUE_PREFIX, like every queue of the platform: installations
 * (or test databases) sharing one Redis give each their own prefix.
 */
@Injectable()
export class RateDeckImportQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RateDeckImportQueue.name);
  private readonly queue: Queue<RateDeckImportJobData>;
  private readonly connection: Redis;
  private worker: Worker<RateDeckImportJobData> | undefined;

  constructor(
    @Inject(API_ENVIRONMENT) private readonly env: ApiEnvironment,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly job: RunRateDeckImportJob,
  ) {
    // BullMQ's workers block on Redis: their connection must retry for ever rather than fail requests.
    this.connection = new Redis(env.REDIS_URL, {
      maxRetriesPerRequest: null,
      connectionName: 'tollgate-api-rate-decks',
    });
    this.queue = new Queue(RATE_DECK_IMPORT_QUEUE, {
      connection: this.connection,
      prefix: this.prefix,
      defaultJobOptions: {
        attempts: ATTEMPTS,
        backoff: { type: 'exponential', delay: 5_000 },
        removeOnComplete: true,
        removeOnFail: 1_000,
      },
    });
  }

  private get prefix(): string {
    return this.env.QUEUE_PREFIX;
  }

  /** Queues the import after its row is committed. */
  async enqueue(importId: string): Promise<void> {
    await this.queue.add('import', { importId }, { jobId: importId });
  }

  /**
   * Starts the worker, and queues again every import left unfinished (a restart of Redis, or of every
   * API process, loses nothing: the job id dedupes imports still queued).
   */
  async onApplicationBootstrap(): Promise<void> {
    this.worker = new Worker(RATE_DECK_IMPORT_QUEUE, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.prefix,
      concurrency: 1,
      // A big deck validates for many seconds without yielding to BullMQ's lock renewal for long.
      lockDuration: 120_000,
    });
    this.worker.on('error', (error) => this.logger.error(`rate deck worker: ${error.message}`));
    await this.requeueUnfinished();
  }

  /** Queues again every import not yet completed, rejected or failed; answers how many. */
  async requeueUnfinished(): Promise<number> {
    const unfinished = await this.dataSource.getRepository(RateDeckImport).find({
      select: { id: true },
      where: {
        status: In([
          RateDeckImportStatus.Queued,
          RateDeckImportStatus.Validating,
          RateDeckImportStatus.Applying,
        ]),
      },
    });
    for (const { id } of unfinished) await this.enqueue(id);
    return unfinished.length;
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.waitUntilReady().catch(() => undefined);
    await this.worker?.close();
    await this.queue.close();
    await this.connection.quit().catch(() => this.connection.disconnect());
  }

  private async process(job: Job<RateDeckImportJobData>): Promise<void> {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await this.job.run(job.data.importId, { lastAttempt });
  }
}
