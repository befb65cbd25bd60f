import { randomUUID } from 'node:crypto';
import { createRate, type Rate, type RateInput } from '@tollgate/rating';
import Redis from 'ioredis';
import { CreditPools, type CreditPoolOptions } from '../credit-pools';
import type { PoolSeed, ReserveRequest } from '../credit-pool.types';

export interface TestPools {
  readonly redis: Redis;
  readonly pools: CreditPools;
  readonly prefix: string;
  /** Extra connections for tests that need real parallelism. */
  connect(): CreditPools;
  close(): Promise<void>;
}

/**
 * Credit pools on the real Redis (REDIS_URL) under a key prefix of their own, so concurrent spec files
 * and sweeps never see each other's keys; `close` deletes every key of the prefix.
 */
export async function openTestPools(options: Partial<CreditPoolOptions> = {}): Promise<TestPools> {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: run `. /tmp/env.sh` (or npm test) first');
  const prefix = `test-credit-pools-${randomUUID()}`;
  const redis = new Redis(url, { lazyConnect: true });
  await redis.connect();
  const extra: Redis[] = [];
  const poolsOn = (client: Redis): CreditPools => new CreditPools(client, { ...options, keyPrefix: prefix });
  return {
    redis,
    prefix,
    pools: poolsOn(redis),
    connect: () => {
      const client = new Redis(url);
      extra.push(client);
      return poolsOn(client);
    },
    close: async () => {
      for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<
        string[]
      >) {
        if (keys.length > 0) await redis.unlink(...keys);
      }
      await Promise.all([redis, ...extra].map((client) => client.quit()));
    },
  };
}

/** 0.60 per minute (0.01 per second), 1/1, 2 decimals half-up, unless overridden. */
export function eurRate(overrides: Partial<RateInput> = {}): Rate {
  return createRate(
    {
      prefix: '44',
      pricePerMinute: '0.60',
      firstInterval: 1,
      nextInterval: 1,
      rounding: { mode: 'half-up', decimals: 2 },
      ...overrides,
    },
    'EUR',
  );
}

export function prepaid(balance: string): PoolSeed {
  return { currency: 'EUR', billingType: 'prepaid', balance, balanceVersion: 0n, creditLimit: '0' };
}

export const T0 = new Date('2026-03-02T10:00:00.000Z');

export const later = (seconds: number, from = T0): Date => new Date(from.getTime() + seconds * 1000);

/** A reserve request on a fresh account with a unique call id; override anything. */
export function reserveRequest(overrides: Partial<ReserveRequest> = {}): ReserveRequest {
  return {
    accountId: randomUUID(),
    callId: `${randomUUID()}@pbx.example.test`,
    fromTag: 'from-1',
    seed: prepaid('10'),
    rate: eurRate(),
    maxCalls: null,
    now: T0,
    ...overrides,
  };
}

/** A committed top-up of `amount` that left the balance at `balanceAfter` (version `version`). */
export function topUp(amount: string, balanceAfter: string, version: bigint, entryId = randomUUID()) {
  return {
    entryId,
    amount,
    balanceAfter,
    balanceVersion: version,
    currency: 'EUR',
    billingType: 'prepaid',
    creditLimit: '0',
    now: T0,
  } as const;
}
