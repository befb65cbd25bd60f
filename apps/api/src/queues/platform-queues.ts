import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { CDR_QUEUE, CDR_RERATING_QUEUE } from '@tollgate/cdr';
import { CALL_SHUTDOWN_QUEUE } from '@tollgate/credit-pools';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { CDR_IMPORT_QUEUE } from '../cdr-imports/cdr-import-queue';
import { RATE_DECK_IMPORT_QUEUE } from '../rate-decks/rate-deck-import-queue';
import { WEBHOOK_DELIVERIES_QUEUE } from '../webhooks/webhook-dispatcher';

/**
 * Every BullMQ queue of the platform, whoever produces or consumes it (all under QUEUE_PREFIX). A new
 * queue belongs here so the status page and the operators' queue board show it.
 */
export const PLATFORM_QUEUES = [
  CDR_QUEUE,
  CDR_RERATING_QUEUE,
  CDR_IMPORT_QUEUE,
  CALL_SHUTDOWN_QUEUE,
  RATE_DECK_IMPORT_QUEUE,
  WEBHOOK_DELIVERIES_QUEUE,
] as const;

export interface QueueDepth {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  /** Age of the oldest job waiting to be taken, seconds; null when none waits. */
  oldestWaitingSeconds: number | null;
}

/**
 * Read-side handles on the platform's queues (for the status page and the queue board), on a
 * connection of their own: they add no job and take none.
 */
@Injectable()
export class PlatformQueues implements OnApplicationShutdown {
  readonly queues: readonly Queue[];
  private readonly connection: Redis;

  constructor(@Inject(API_ENVIRONMENT) env: ApiEnvironment) {
    this.connection = new Redis(env.REDIS_URL, {
      connectionName: 'tollgate-api-queue-board',
      maxRetriesPerRequest: null,
    });
    this.queues = PLATFORM_QUEUES.map(
      (name) => new Queue(name, { connection: this.connection, prefix: env.QUEUE_PREFIX }),
    );
  }

  async depths(now = Date.now()): Promise<QueueDepth[]> {
    return Promise.all(this.queues.map((queue) => depthOf(queue, now)));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}

async function depthOf(queue: Queue, now: number): Promise<QueueDepth> {
  const [counts, oldest] = await Promise.all([
    queue.getJobCounts('wait', 'prioritized', 'active', 'delayed', 'failed'),
    // Ascending: the job that has waited longest in each list comes first.
    queue.getJobs(['wait', 'prioritized'], 0, 0, true),
  ]);
  const oldestAddedAt = oldest.length ? Math.min(...oldest.map((job) => job.timestamp)) : undefined;
  return {
    name: queue.name,
    waiting: (counts.wait ?? 0) + (counts.prioritized ?? 0),
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    failed: counts.failed ?? 0,
    oldestWaitingSeconds:
      oldestAddedAt === undefined ? null : Math.max(0, Math.floor((now - oldestAddedAt) / 1000)),
  };
}
