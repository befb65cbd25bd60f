import { ConfigError } from '@tollgate/config';
import {
  createLogger,
  createMetricsRegistry,
  redisHealthCheck,
  startProbeServer,
  stopOnSignals,
} from '@tollgate/observability';
import { CreditPools } from '@tollgate/credit-pools';
import { KamailioRpcClient } from '@tollgate/kamailio';
import Redis from 'ioredis';
import { readCallControlEnvironment } from './call-control-environment';
import { CallControlMetrics } from './call-control-metrics';
import { CallCommandsConsumer } from './commands/call-commands-consumer';
import { CallControlMembers } from './metering/call-control-members';
import { CallShutdownQueue } from './events/call-shutdown-queue';
import { CallTerminator } from './metering/call-terminator';
import { kamailioHealthCheck } from './kamailio-health-check';
import { LivePools } from './metering/live-pools';
import { LiveCallMeter } from './metering/meter-live-calls';
import { cdrHandOver } from './reconciliation/cdr-hand-over';
import { DialogReconciliation } from './reconciliation/reconcile-dialogs';

// Live calls and credit pools live in Redis; this process owns their metering (see ARCHITECTURE.md).
async function main(): Promise<void> {
  const env = readCallControlEnvironment();
  const logger = createLogger('call-control', env.LOG_LEVEL);
  // Auto-pipelining: one metering pass sends a script per pool, batched into few round trips.
  const redis = new Redis(env.REDIS_URL, {
    lazyConnect: true,
    connectionName: 'tollgate-call-control',
    enableAutoPipelining: true,
  });
  await redis.connect();
  const registry = createMetricsRegistry('call-control');
  const metrics = new CallControlMetrics(registry);
  const pools = new CreditPools(redis, { keyPrefix: env.CREDIT_POOL_KEY_PREFIX });
  const kamailio = new KamailioRpcClient({
    url: env.KAMAILIO_RPC_URL,
    timeoutMs: env.KAMAILIO_RPC_TIMEOUT_MS,
  });
  const live = new LivePools(pools, redis, env.CREDIT_POOL_KEY_PREFIX);
  await live.start();
  // Its own connection: on the metering one, reading a call would wait behind the rest of a pass.
  const terminatorRedis = redis.duplicate({
    connectionName: 'tollgate-call-control-terminator',
    enableAutoPipelining: false,
  });
  const shutdowns = new CallShutdownQueue(
    redis.duplicate({ connectionName: 'tollgate-call-control-queues', enableAutoPipelining: false }),
    env.QUEUE_PREFIX,
  );
  const offBatchPools = new CreditPools(terminatorRedis, { keyPrefix: env.CREDIT_POOL_KEY_PREFIX });
  const terminator = new CallTerminator(offBatchPools, terminatorRedis, kamailio, metrics, logger, shutdowns);
  const instance = env.CALL_CONTROL_INSTANCE_ID;
  const members = new CallControlMembers(
    redis,
    `${env.CREDIT_POOL_KEY_PREFIX}:call-control:members`,
    instance,
    {
      expireMs: Math.max(5_000, env.METERING_PERIOD_MS * 5),
    },
  );
  const meter = new LiveCallMeter(
    pools,
    redis,
    live,
    members,
    terminator,
    metrics,
    logger,
    {
      periodMs: env.METERING_PERIOD_MS,
      scanEveryMs: env.POOL_SCAN_INTERVAL_MS,
    },
    offBatchPools,
  );
  meter.start();
  const commands = new CallCommandsConsumer(
    redis.duplicate({ connectionName: 'tollgate-call-control-commands', enableAutoPipelining: false }),
    pools,
    terminator,
    logger,
    { consumer: instance, blockMs: 1_000, claimIdleMs: 30_000 },
  );
  await commands.start();
  const cdrs = cdrHandOver(env.REDIS_URL, env.QUEUE_PREFIX);
  const reconciliation = new DialogReconciliation(pools, live, members, kamailio, metrics, logger, (job) =>
    cdrs.add(job),
  );
  reconciliation.start(env.RECONCILE_INTERVAL_MS);
  const probe = await startProbeServer({
    host: env.PROBE_HOST,
    port: env.CALL_CONTROL_PROBE_PORT,
    registry,
    checks: [redisHealthCheck(redis), kamailioHealthCheck(kamailio)],
  });
  logger.info(
    {
      probe: `http://${env.PROBE_HOST}:${env.CALL_CONTROL_PROBE_PORT}`,
      kamailio: env.KAMAILIO_RPC_URL,
      livePools: live.size,
      periodMs: env.METERING_PERIOD_MS,
    },
    'call-control ready',
  );
  stopOnSignals(logger, async () => {
    await reconciliation.stop();
    await cdrs.close();
    await meter.stop();
    await commands.stop();
    await live.stop();
    await new Promise((resolve) => probe.close(resolve));
    await shutdowns.close();
    await terminatorRedis.quit();
    await redis.quit();
  });
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : (error as Error).message;
  console.error(`call-control: cannot start: ${message}`);
  process.exit(1);
});
