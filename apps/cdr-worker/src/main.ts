import 'reflect-metadata';
import { ConfigError } from '@tollgate/config';
import { dataSourceOptions } from '@tollgate/db';
import {
  createLogger,
  createMetricsRegistry,
  postgresHealthCheck,
  redisHealthCheck,
  startProbeServer,
  stopOnSignals,
} from '@tollgate/observability';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { CdrAggregator } from './aggregate-cdrs';
import { startCdrPipeline } from './cdr-pipeline';
import { startCdrReratings } from './cdr-rerating-consumer';
import { readCdrWorkerEnvironment } from './cdr-worker-environment';
import { startWorkerHeartbeat } from './worker-heartbeat';

// Consumes the CDR queues (BullMQ on Redis) and writes CDRs and the ledger to PostgreSQL.
async function main(): Promise<void> {
  const env = readCdrWorkerEnvironment();
  const logger = createLogger('cdr-worker', env.LOG_LEVEL);
  const database = await new DataSource(
    dataSourceOptions(env.DATABASE_URL, 'tollgate-cdr-worker'),
  ).initialize();
  const redis = new Redis(env.REDIS_URL, { lazyConnect: true, connectionName: 'tollgate-cdr-worker' });
  await redis.connect();
  const registry = createMetricsRegistry('cdr-worker');
  const pipeline = await startCdrPipeline(database, registry, logger, {
    redisUrl: env.REDIS_URL,
    prefix: env.QUEUE_PREFIX,
    poolKeyPrefix: env.CREDIT_POOL_KEY_PREFIX,
    batchSize: env.CDR_BATCH_SIZE,
    batchWaitMs: env.CDR_BATCH_WAIT_MS,
  });
  const reratings = await startCdrReratings(database, pipeline.cards, registry, logger, {
    redisUrl: env.REDIS_URL,
    prefix: env.QUEUE_PREFIX,
    poolKeyPrefix: env.CREDIT_POOL_KEY_PREFIX,
    batchSize: env.CDR_RERATE_BATCH_SIZE,
    sweepEveryMs: env.CDR_UNRATED_SWEEP_SECONDS * 1000,
    sweepDelayMs: 1_000,
  });
  const probe = await startProbeServer({
    host: env.PROBE_HOST,
    port: env.CDR_WORKER_PROBE_PORT,
    registry,
    checks: [postgresHealthCheck(database), redisHealthCheck(redis)],
  });
  const stopHeartbeat = startWorkerHeartbeat(redis, `${env.CREDIT_POOL_KEY_PREFIX}:cdr-worker:members`);
  const aggregator = new CdrAggregator(database, logger, env.CDR_AGGREGATE_INTERVAL_MS);
  aggregator.start();
  logger.info({ probe: `http://${env.PROBE_HOST}:${env.CDR_WORKER_PROBE_PORT}` }, 'cdr-worker ready');
  stopOnSignals(logger, async () => {
    await new Promise((resolve) => probe.close(resolve));
    await reratings.close();
    await pipeline.close();
    await aggregator.close();
    await stopHeartbeat();
    await redis.quit();
    await database.destroy();
  });
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : (error as Error).message;
  console.error(`cdr-worker: cannot start: ${message}`);
  process.exit(1);
});
