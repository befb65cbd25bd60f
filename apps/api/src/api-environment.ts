import { databaseUrl, host, logLevel, nodeEnv, parseEnvironment, port, redisUrl } from '@tollgate/config';
import { z } from 'zod';

const apiEnvironmentSchema = z.object({
  NODE_ENV: nodeEnv,
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  API_HOST: host('127.0.0.1'),
  API_PORT: port(3100),
  LOG_LEVEL: logLevel,
});

export type ApiEnvironment = z.infer<typeof apiEnvironmentSchema>;

export const API_ENVIRONMENT = Symbol('ApiEnvironment');

export function readApiEnvironment(env: NodeJS.ProcessEnv = process.env): ApiEnvironment {
  return parseEnvironment(apiEnvironmentSchema, env);
}
