import { Module } from '@nestjs/common';
import { CreditPools } from './credit-pools';

/** Shared credit pools in Redis (uses the global REDIS connection of RedisModule). */
@Module({ providers: [CreditPools], exports: [CreditPools] })
export class CreditPoolsModule {}
