import { Module, type Provider } from '@nestjs/common';
import { CreditPools, type CreditPoolOptions } from '@tollgate/credit-pools';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';

export const CREDIT_POOL_OPTIONS = Symbol('CreditPoolOptions');

const creditPools: Provider = {
  provide: CreditPools,
  inject: [REDIS, { token: CREDIT_POOL_OPTIONS, optional: true }],
  useFactory: (redis: Redis, options?: Partial<CreditPoolOptions>) => new CreditPools(redis, options),
};

/** Shared credit pools (packages/credit-pools) on the global REDIS connection of RedisModule. */
@Module({ providers: [creditPools], exports: [CreditPools] })
export class CreditPoolsModule {}
