import { Module, type Provider } from '@nestjs/common';
import { CreditPools, type CreditPoolOptions } from '@tollgate/credit-pools';
import type Redis from 'ioredis';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { REDIS } from '../redis/redis.module';

export const CREDIT_POOL_OPTIONS = Symbol('CreditPoolOptions');

const creditPools: Provider = {
  provide: CreditPools,
  inject: [REDIS, { token: CREDIT_POOL_OPTIONS, optional: true }, { token: API_ENVIRONMENT, optional: true }],
  // Options given to the module (its tests) win over the environment's CREDIT_POOL_KEY_PREFIX.
  useFactory: (redis: Redis, options?: Partial<CreditPoolOptions>, env?: ApiEnvironment) =>
    new CreditPools(redis, options ?? (env ? { keyPrefix: env.CREDIT_POOL_KEY_PREFIX } : {})),
};

/**
 * Shared credit pools (packages/credit-pools) on the global REDIS connection of RedisModule, keyed under
 * CREDIT_POOL_KEY_PREFIX.
 */
@Module({ providers: [creditPools], exports: [CreditPools] })
export class CreditPoolsModule {}
