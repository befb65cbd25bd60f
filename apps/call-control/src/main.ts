import { ConfigError } from '@tollgate/config';
import {
  createLogger,
  createMetricsRegistry,
  redisHealthCheck,
  startProbeServer,
  stopOnSignals,
} from '@tollgate/observability';
import Redis from 'ioredis';
import { readCallControlEnvironment } from './call-control-environment';

// Live calls and credit pools live in Redis; this process owns their metering (see ARCHITECTURE.md).
async function main(): Promise<void> {
  const env = readCallControlEnvironment();
  const logger = createLogger('call-control', env.LOG_LEVEL);
  const redis = new Redis(env.REDIS_URL, { lazyConnect: true, connectionName: 'tollgate-call-control' });
  await redis.connect();
  const probe = await startProbeServer({
    host: env.PROBE_HOST,
    port: env.CALL_CONTROL_PROBE_PORT,
    registry: createMetricsRegistry('call-control'),
    checks: [redisHealthCheck(redis)],
  });
  logger.info(
    { probe: `http://${env.PROBE_HOST}:${env.CALL_CONTROL_PROBE_PORT}`, kamailio: env.KAMAILIO_RPC_URL },
    'call-control ready',
  );
  stopOnSignals(logger, async () => {
    await new Promise((resolve) => probe.close(resolve));
    await redis.quit();
  });
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : (error as Error).message;
  console.error(`call-control: cannot start: ${message}`);
  process.exit(1);
});
