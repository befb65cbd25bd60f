import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CdrImport, CdrImportStatus } from '@tollgate/db';
import { type Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { DataSource, In } from 'typeorm';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { RunCdrImportJob } from './run-cdr-import.job';

export const CDR_IMPORT_QUEUE = 'cdr-imports';

const ATTEMPTS = 3;

/**
 * The BullMQ queue of CDR file imports and its worker, in every API process, as the rate deck imports'
 * (one import at a time per process; job id = import id; unfinished imports queued again at start).
 */
@Injectable()
export class CdrImportQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CdrImportQueue.name);
  private readonly queue: Queue<{ importId: string }>;
  private readonly connection: Redis;
  private worker: Worker<{ importId: string }> | undefined;

  constructor(
    @Inject(API_ENVIRONMENT) private readonly env: ApiEnvironment,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly job: RunCdrImportJob,
  ) {
    this.connection = new Redis(env.REDIS_URL, {
      maxRetriesPerRequest: null,
      connectionName: 'tollgate-api-cdr-imports',
    });
    this.queue = new Queue(CDR_IMPORT_QUEUE, {
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

  async onApplicationBootstrap(): Promise<void> {
    this.worker = new Worker(CDR_IMPORT_QUEUE, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.env.QUEUE_PREFIX,
      concurrency: 1,
      lockDuration: 120_000,
    });
    this.worker.on('error', (error) => this.logger.error(`CDR import worker: ${error.message}`));
    const unfinished = await this.dataSource.getRepository(CdrImport).find({
      select: { id: true },
      where: {
        status: In([CdrImportStatus.Queued, CdrImportStatus.Validating, CdrImportStatus.Enqueuing]),
      },
    });
    for (const { id } of unfinished) await this.enqueue(id);
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.waitUntilReady().catch(() => undefined);
    await this.worker?.close();
    await this.queue.close();
    await this.connection.quit().catch(() => this.connection.disconnect());
  }

  private async process(job: Job<{ importId: string }>): Promise<void> {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await this.job.run(job.data.importId, { lastAttempt });
  }
}
