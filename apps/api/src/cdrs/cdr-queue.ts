import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  CDR_QUEUE,
  CdrHandOverBuffer,
  cdrJobSchema,
  cdrQueueEntries,
  type CdrJob,
  type CdrJobInput,
} from '@tollgate/cdr';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';

/**
 * The producer side of the `cdrs` queue. CDRs that come together (a bulk request, a chunk of a file,
 * `end`s that arrive while the previous hand-over is on its way) travel in jobs of several CDRs; a lone
 * CDR is a job of its own keyed by Call-ID + leg, so a repeated `end` adds nothing while the first job is
 * kept. cdr-worker's unique key and the ledger's make every other repeat a no-op.
 */
@Injectable()
export class CdrQueue implements OnApplicationShutdown {
  readonly queue: Queue;
  private readonly connection: Redis;
  private readonly handOver: CdrHandOverBuffer;

  constructor(@Inject(API_ENVIRONMENT) env: ApiEnvironment) {
    this.connection = new Redis(env.REDIS_URL, {
      connectionName: 'tollgate-api-cdr-queue',
      maxRetriesPerRequest: null,
    });
    this.queue = new Queue(CDR_QUEUE, { connection: this.connection, prefix: env.QUEUE_PREFIX });
    this.handOver = new CdrHandOverBuffer((entries) => this.queue.addBulk(entries));
  }

  /**
   * Validates the payload (a malformed one is a bug of its source) and resolves once it is in Redis,
   * sent with the other CDRs handed over meanwhile.
   */
  async enqueue(input: CdrJobInput): Promise<CdrJob> {
    const job = cdrJobSchema.parse(input);
    await this.handOver.add(job);
    return job;
  }

  /** Several at once, in one round trip: jobs of up to MAX_CDRS_PER_JOB CDRs. */
  async enqueueMany(jobs: readonly CdrJob[]): Promise<void> {
    await this.queue.addBulk(cdrQueueEntries(jobs));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
