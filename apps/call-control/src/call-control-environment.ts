import { host, logLevel, nodeEnv, parseEnvironment, port, redisUrl } from '@tollgate/config';
import { hostname } from 'node:os';
import { z } from 'zod';

const callControlEnvironmentSchema = z.object({
  NODE_ENV: nodeEnv,
  REDIS_URL: redisUrl,
  KAMAILIO_RPC_URL: z
    .url({
      protocol: /^https?$/,
      error: "must be the http:// URL of Kamailio's JSON-RPC, e.g. http://127.0.0.1:5071/RPC",
    })
    .default('http://127.0.0.1:5071/RPC'),
  /** How often every live pool is metered. */
  METERING_PERIOD_MS: z.coerce.number().int().min(100).max(10_000).default(1_000),
  /** How often Redis is scanned for live pools the begin announcements missed. */
  POOL_SCAN_INTERVAL_MS: z.coerce.number().int().min(1_000).max(600_000).default(10_000),
  /** How often Kamailio's dialogs are compared with the live calls. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
  KAMAILIO_RPC_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2_000),
  /** First segment of the credit pool keys: the API's (default `tollgate`). */
  CREDIT_POOL_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .default('tollgate'),
  /**
   * This process among several sharing the pools. Stable across restarts (default: the host name), so a
   * restarted process takes its accounts back at once; two processes on one host need distinct ids.
   */
  CALL_CONTROL_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,128}$/)
    .default(hostname()),
  /** First segment of the BullMQ keys of the CDR queue: the API's and cdr-worker's (default `tollgate`). */
  CDR_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .default('tollgate'),
  PROBE_HOST: host('127.0.0.1'),
  CALL_CONTROL_PROBE_PORT: port(3101),
  LOG_LEVEL: logLevel,
});

export type CallControlEnvironment = z.infer<typeof callControlEnvironmentSchema>;

export function readCallControlEnvironment(env: NodeJS.ProcessEnv = process.env): CallControlEnvironment {
  return parseEnvironment(callControlEnvironmentSchema, env);
}
