import { CDR_JOB_OPTIONS, CDR_QUEUE, cdrJobId, cdrJobSchema, type CdrJobInput } from '@tollgate/cdr';
import { Queue } from 'bullmq';
import Redis from 'ioredis';

export interface CdrHandOver {
  add(job: CdrJobInput): Promise<void>;
  close(): Promise<void>;
}

/** A producer on the `cdrs` queue, for the calls call control settles itself. */
export function cdrHandOver(redisUrl: string, prefix: string): CdrHandOver {
  const connection = new Redis(redisUrl, {
    maxRetriesPerRequest: null,
    connectionName: 'tollgate-call-control-cdrs',
  });
  const queue = new Queue(CDR_QUEUE, { connection, prefix });
  return {
    async add(input) {
      const job = cdrJobSchema.parse(input);
      await queue.add('cdr', job, { ...CDR_JOB_OPTIONS, jobId: cdrJobId(job.callId, job.leg) });
    },
    async close() {
      await queue.close();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
