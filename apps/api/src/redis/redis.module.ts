import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';

export const REDIS = Symbol('Redis');

/** One shared ioredis connection; the first connect must succeed, so a wrong REDIS_URL fails the boot. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [API_ENVIRONMENT],
      useFactory: async (env: ApiEnvironment) => {
        const redis = new Redis(env.REDIS_URL, { lazyConnect: true, connectionName: 'tollgate-api' });
        await redis.connect();
        return redis;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
