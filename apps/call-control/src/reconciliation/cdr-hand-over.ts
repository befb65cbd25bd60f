import { CDR_QUEUE, CdrHandOverBuffer, cdrJobSchema, type CdrJobInput } from '@tollgate/cdr';
import { Queue } from 'bullmq';
import Redis from 'ioredis';

export interface CdrHandOver {
  add(job: CdrJobInput): Promise<void>;
  close(): Promise<void>;
}

/**
 * A producer on the `cdrs` queue, for the calls call control settles itself: the CDRs of calls settled
 * while a hand-over is on its way go together, in jobs of several CDRs (see CdrHandOverBuffer).
 */
export function cdrHandOver(redisUrl: string, prefix: string): CdrHandOver {
  const connection = new Redis(redisUrl, {
    maxRetriesPerRequest: null,
    connectionName: 'tollgate-call-control-cdrs',
  });
  const queue = new Queue(CDR_QUEUE, { connection, prefix });
  const buffer = new CdrHandOverBuffer((entries) => queue.addBulk(entries));
  return {
    async add(input) {
      await buffer.add(cdrJobSchema.parse(input));
    },
    async close() {
      await queue.close();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
