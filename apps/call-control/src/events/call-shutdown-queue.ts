import { CALL_SHUTDOWN_QUEUE, callShutdownJobId, type CallShutdownEvent } from '@tollgate/credit-pools';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';

/** Where call control tells of the calls it ended. */
export interface CallShutdownSink {
  publish(event: CallShutdownEvent): Promise<void>;
}

const DAY_SECONDS = 86_400;

/**
 * The `call-shutdown` BullMQ queue. Jobs are kept a day after completion: a second request for the same
 * call within that day (call control retries, another instance) finds the job id taken and adds nothing.
 */
export class CallShutdownQueue implements CallShutdownSink {
  private readonly queue: Queue;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue(CALL_SHUTDOWN_QUEUE, {
      connection,
      prefix,
      defaultJobOptions: {
        removeOnComplete: { age: DAY_SECONDS },
        removeOnFail: { age: 7 * DAY_SECONDS },
        attempts: 8,
        backoff: { type: 'exponential', delay: 1_000 },
      },
    });
  }

  async publish(event: CallShutdownEvent): Promise<void> {
    await this.queue.add(CALL_SHUTDOWN_QUEUE, event, { jobId: callShutdownJobId(event) });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
