import { host, logLevel, nodeEnv, parseEnvironment, port, redisUrl } from '@tollgate/config';
import { z } from 'zod';

const callControlEnvironmentSchema = z.object({
  NODE_ENV: nodeEnv,
  REDIS_URL: redisUrl,
  KAMAILIO_RPC_URL: z
    .url({
      protocol: /^https?$/,
      error: "must be the http:// URL of Kamailio's JSON-RPC, e.g. http://127.0.0.1:5060/RPC",
    })
    .default('http://127.0.0.1:5060/RPC'),
  PROBE_HOST: host('127.0.0.1'),
  CALL_CONTROL_PROBE_PORT: port(3101),
  LOG_LEVEL: logLevel,
});

export type CallControlEnvironment = z.infer<typeof callControlEnvironmentSchema>;

export function readCallControlEnvironment(env: NodeJS.ProcessEnv = process.env): CallControlEnvironment {
  return parseEnvironment(callControlEnvironmentSchema, env);
}
