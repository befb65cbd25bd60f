import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REDIS } from '../redis/redis.module';
import { CreditPools } from '@tollgate/credit-pools';
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
