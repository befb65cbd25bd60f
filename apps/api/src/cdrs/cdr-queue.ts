import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  CDR_JOB_OPTIONS,
  CDR_QUEUE,
  cdrJobId,
  cdrJobSchema,
  type CdrJob,
  type CdrJobInput,
} from '@tollgate/cdr';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';

/**
 * The producer side of the `cdrs` queue: one job per Call-ID + leg (its job id), so a repeated `end` or
 * a second source adds nothing while the first job is kept; cdr-worker's unique key covers the rest.
 */
@Injectable()
export class CdrQueue implements OnApplicationShutdown {
  readonly queue: Queue;
  private readonly connection: Redis;

  constructor(@Inject(API_ENVIRONMENT) env: ApiEnvironment) {
    this.connection = new Redis(env.REDIS_URL, {
      connectionName: 'tollgate-api-cdr-queue',
      maxRetriesPerRequest: null,
    });
    this.queue = new Queue(CDR_QUEUE, { connection: this.connection, prefix: env.QUEUE_PREFIX });
  }

  /** Validates the payload (a malformed one is a bug of its source) and adds it once. */
  async enqueue(input: CdrJobInput): Promise<CdrJob> {
    const job = cdrJobSchema.parse(input);
    await this.queue.add('cdr', job, { ...CDR_JOB_OPTIONS, jobId: cdrJobId(job.callId, job.leg) });
    return job;
  }

  /** Several at once, in one round trip. */
  async enqueueMany(jobs: readonly CdrJob[]): Promise<void> {
    await this.queue.addBulk(
      jobs.map((job) => ({
        name: 'cdr',
        data: job,
        opts: { ...CDR_JOB_OPTIONS, jobId: cdrJobId(job.callId, job.leg) },
      })),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
