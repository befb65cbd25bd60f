import { databaseUrl, parseEnvironment, port, redisUrl } from '@tollgate/config';
import { z } from 'zod';

// Every variable npm start / npm test read. DATABASE_URL and REDIS_URL, when given, replace the servers
// we would otherwise run; the ports move what we listen on.
const localSettingsSchema = z.object({
  DATABASE_URL: databaseUrl.optional(),
  REDIS_URL: redisUrl.optional(),
  LOCAL_POSTGRES_PORT: port(54329),
  LOCAL_REDIS_PORT: port(63790),
  TEST_POSTGRES_PORT: port(54339),
  TEST_REDIS_PORT: port(63791),
  API_PORT: port(3100),
  PORTAL_PORT: port(3200),
  CALL_CONTROL_PROBE_PORT: port(3101),
  CDR_WORKER_PROBE_PORT: port(3102),
  KAMAILIO_SIP_PORT: port(5060),
  KAMAILIO_RPC_PORT: port(5071),
});

export type LocalSettings = z.infer<typeof localSettingsSchema>;

export function readLocalSettings(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  return parseEnvironment(localSettingsSchema, env);
}
