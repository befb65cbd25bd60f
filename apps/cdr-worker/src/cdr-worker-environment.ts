import { databaseUrl, host, logLevel, nodeEnv, parseEnvironment, port, redisUrl } from '@tollgate/config';
import { z } from 'zod';

const cdrWorkerEnvironmentSchema = z.object({
  NODE_ENV: nodeEnv,
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  PROBE_HOST: host('127.0.0.1'),
  CDR_WORKER_PROBE_PORT: port(3102),
  LOG_LEVEL: logLevel,
});

export type CdrWorkerEnvironment = z.infer<typeof cdrWorkerEnvironmentSchema>;

export function readCdrWorkerEnvironment(env: NodeJS.ProcessEnv = process.env): CdrWorkerEnvironment {
  return parseEnvironment(cdrWorkerEnvironmentSchema, env);
}
