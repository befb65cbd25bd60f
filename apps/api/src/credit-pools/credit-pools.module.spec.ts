import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REDIS } from '../redis/redis.module';
import { CreditPools } from '@tollgate/credit-pools';
import { API_ENVIRONMENT } from '../api-environment';
import { CREDIT_POOL_OPTIONS } from './credit-pools.module';
import { CreditPoolsModule } from './credit-pools.module';
import { reserveRequest } from '@tollgate/credit-pools/testing';

let redis: Redis;

beforeAll(() => {
  redis = new Redis(process.env.REDIS_URL ?? '');
});

afterAll(async () => {
  await redis.quit();
});

it('resolves CreditPools on the global REDIS connection with injected options', async () => {
  const prefix = `test-credit-pools-module-${Date.now()}`;
  @Global()
  @Module({
    providers: [
      { provide: REDIS, useValue: redis },
      { provide: CREDIT_POOL_OPTIONS, useValue: { keyPrefix: prefix } },
    ],
    exports: [REDIS, CREDIT_POOL_OPTIONS],
  })
  class RedisForTest {}
  const app = await Test.createTestingModule({ imports: [RedisForTest, CreditPoolsModule] }).compile();
  const pools = app.get(CreditPools);
  const request = reserveRequest();
  expect(await pools.reserve(request)).toMatchObject({ status: 'reserved', maxSeconds: 1000 });
  const keys = await redis.keys(`${prefix}:*`);
  expect(keys.sort()).toEqual(
    [
      `${prefix}:call:{${request.accountId}}:${request.callId}`,
      `${prefix}:pool:{${request.accountId}}`,
      `${prefix}:pool:{${request.accountId}}:deadlines`,
      `${prefix}:pool:{${request.accountId}}:open`,
    ].sort(),
  );
  await redis.unlink(...keys);
  await app.close();
});

it("keys the pools under the environment's CREDIT_POOL_KEY_PREFIX, so call control finds them", async () => {
  const prefix = `test-credit-pools-env-${Date.now()}`;
  @Global()
  @Module({
    providers: [
      { provide: REDIS, useValue: redis },
      { provide: API_ENVIRONMENT, useValue: { CREDIT_POOL_KEY_PREFIX: prefix } },
    ],
    exports: [REDIS, API_ENVIRONMENT],
  })
  class PlatformForTest {}
  const app = await Test.createTestingModule({ imports: [PlatformForTest, CreditPoolsModule] }).compile();
  const pools = app.get(CreditPools);
  expect(pools.keyPrefix).toBe(prefix);
  const request = reserveRequest();
  await pools.reserve(request);
  const keys = await redis.keys(`${prefix}:*`);
  expect(keys).toContain(`${prefix}:pool:{${request.accountId}}`);
  await redis.unlink(...keys);
  await app.close();
});
