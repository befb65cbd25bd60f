import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  CDR_RERATING_JOB_OPTIONS,
  CDR_RERATING_QUEUE,
  cdrReratingJobId,
  type CdrReratingJob,
} from '@tollgate/cdr';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';

/** The producer side of the `cdr-reratings` queue; cdr-worker runs the jobs. */
@Injectable()
export class CdrReratingQueue implements OnApplicationShutdown {
  private readonly queue: Queue<CdrReratingJob>;
  private readonly connection: Redis;

  constructor(@Inject(API_ENVIRONMENT) env: ApiEnvironment) {
    this.connection = new Redis(env.REDIS_URL, {
      connectionName: 'tollgate-api-cdr-reratings',
      maxRetriesPerRequest: null,
    });
    this.queue = new Queue(CDR_RERATING_QUEUE, { connection: this.connection, prefix: env.QUEUE_PREFIX });
  }

  /** Queues a committed rerating, once however often it is asked (its id is the job's). */
  async enqueue(reratingId: string): Promise<void> {
    const job: CdrReratingJob = { kind: 'rerating', reratingId };
    await this.queue.add('rerating', job, { ...CDR_RERATING_JOB_OPTIONS, jobId: cdrReratingJobId(job) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
