import { databaseUrl, host, logLevel, nodeEnv, parseEnvironment, port, redisUrl } from '@tollgate/config';
import { z } from 'zod';

const apiEnvironmentSchema = z.object({
  NODE_ENV: nodeEnv,
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  API_HOST: host('127.0.0.1'),
  API_PORT: port(3100),
  LOG_LEVEL: logLevel,
  AUTH_SECRET: z
    .string({ error: 'must be set: a random secret of at least 32 characters that signs access tokens' })
    .min(32, { error: 'must be at least 32 characters (e.g. openssl rand -base64 48)' }),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
});

export type ApiEnvironment = z.infer<typeof apiEnvironmentSchema>;

export const API_ENVIRONMENT = Symbol('ApiEnvironment');

export function readApiEnvironment(env: NodeJS.ProcessEnv = process.env): ApiEnvironment {
  return parseEnvironment(apiEnvironmentSchema, env);
}
