import { CDR_QUEUE } from '@tollgate/cdr';
import { CreditPools } from '@tollgate/credit-pools';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { CdrConsumer, type CdrConsumerOptions } from './cdr-consumer';
import { registerCdrQueueGauges } from './cdr-queue-gauges';
import { CdrWorkerMetrics } from './cdr-worker-metrics';
import { RateCardCache } from './rate-card-cache';
import { StoreCdrBatch } from './store-cdr-batch';

/** The API announces catalog changes here (see the API's CatalogChanges); the message is the database. */
const CATALOG_CHANGED_CHANNEL = 'tollgate:catalog:changed';

export interface CdrPipelineOptions extends CdrConsumerOptions {
  redisUrl: string;
  /** Key prefix of the credit pools (the API's, `tollgate` unless configured). */
  poolKeyPrefix?: string;
}

export interface CdrPipeline {
  readonly consumer: CdrConsumer;
  readonly cards: RateCardCache;
  close(): Promise<void>;
}

/** Everything cdr-worker runs besides its probe: the queue consumer, the card cache and its invalidation. */
export async function startCdrPipeline(
  dataSource: DataSource,
  registry: Registry,
  logger: Logger,
  options: CdrPipelineOptions,
): Promise<CdrPipeline> {
  const queueConnection = new Redis(options.redisUrl, {
    maxRetriesPerRequest: null,
    connectionName: 'tollgate-cdr-worker-queue',
  });
  const poolsConnection = new Redis(options.redisUrl, { connectionName: 'tollgate-cdr-worker-pools' });
  const subscriber = new Redis(options.redisUrl, { connectionName: 'tollgate-cdr-worker-catalog' });
  const cards = new RateCardCache(dataSource);
  const database = String(dataSource.driver.database ?? '');
  subscriber.on('message', (_channel: string, message: string) => {
    if (message === database) cards.invalidate();
  });
  await subscriber.subscribe(CATALOG_CHANGED_CHANNEL);
  const pools = new CreditPools(
    poolsConnection,
    options.poolKeyPrefix ? { keyPrefix: options.poolKeyPrefix } : {},
  );
  const store = new StoreCdrBatch(dataSource, cards, pools, logger);
  const consumer = new CdrConsumer(queueConnection, store, new CdrWorkerMetrics(registry), logger, options);
  const queue = new Queue(CDR_QUEUE, { connection: queueConnection, prefix: options.prefix });
  registerCdrQueueGauges(registry, queue);
  consumer.start();
  await consumer.waitUntilReady();
  return {
    consumer,
    cards,
    async close() {
      await consumer.close();
      await queue.close();
      await Promise.all(
        [queueConnection, poolsConnection, subscriber].map((redis) => redis.quit().catch(() => undefined)),
      );
    },
  };
}
