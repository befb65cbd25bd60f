import { databaseUrl, host, logLevel, nodeEnv, parseEnvironment, port, redisUrl } from '@tollgate/config';
import { z } from 'zod';

const cdrWorkerEnvironmentSchema = z.object({
  NODE_ENV: nodeEnv,
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  PROBE_HOST: host('127.0.0.1'),
  CDR_WORKER_PROBE_PORT: port(3102),
  LOG_LEVEL: logLevel,
  /** First segment of the BullMQ queues' keys: the API's and call control's. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, {
      error: 'must be 1 to 64 letters, digits, dots, hyphens or underscores',
    })
    .default('tollgate-queues'),
  /** First segment of the credit pool keys: the API's and call control's. */
  CREDIT_POOL_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, {
      error: 'must be 1 to 64 letters, digits, dots, hyphens or underscores',
    })
    .default('tollgate'),
  /** CDRs written per database transaction at most. */
  CDR_BATCH_SIZE: z.coerce.number().int().min(1).max(5_000).default(500),
  /** How long a batch waits to fill before it is written, ms. */
  CDR_BATCH_WAIT_MS: z.coerce.number().int().min(0).max(10_000).default(50),
  /** CDRs a rerating reprices per database transaction. */
  CDR_RERATE_BATCH_SIZE: z.coerce.number().int().min(1).max(20_000).default(2_000),
  /** How often unrated CDRs are swept for a rate that appeared, whatever was announced, seconds. */
  CDR_UNRATED_SWEEP_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  /** How often the hourly and daily CDR aggregates catch up with new and rerated CDRs, ms. */
  CDR_AGGREGATE_INTERVAL_MS: z.coerce.number().int().min(10).max(600_000).default(5_000),
});

export type CdrWorkerEnvironment = z.infer<typeof cdrWorkerEnvironmentSchema>;

export function readCdrWorkerEnvironment(env: NodeJS.ProcessEnv = process.env): CdrWorkerEnvironment {
  return parseEnvironment(cdrWorkerEnvironmentSchema, env);
}
