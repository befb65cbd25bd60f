import { z } from 'zod';

// Building blocks shared by every app's environment schema. Each app declares only what it reads.

export const databaseUrl = z.url({
  protocol: /^postgres(ql)?$/,
  error: 'must be a postgres:// URL, e.g. postgres://user:pass@127.0.0.1:5432/tollgate',
});

export const redisUrl = z.url({
  protocol: /^rediss?$/,
  error: 'must be a redis:// URL, e.g. redis://127.0.0.1:6379/0',
});

export const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a TCP port number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be between 1 and 65535' })
    .max(65535, { error: 'must be between 1 and 65535' })
    .default(fallback);

export const host = (fallback: string) => z.string().min(1).default(fallback);

export const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  .default('info');

export const nodeEnv = z.enum(['development', 'production', 'test']).default('development');
