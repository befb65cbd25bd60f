import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { TooManyRequestsError } from '../http/domain-errors';
import { REDIS } from '../redis/redis.module';

const WINDOW_SECONDS = 15 * 60;
const MAX_FAILURES_PER_LOGIN = 5;
const MAX_FAILURES_PER_ADDRESS = 20;

/**
 * Counts failed logins per e-mail and per source address in Redis (shared by every API replica).
 * Past the limit, logins are refused with 429 until the window ends, even with the right password.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async assertAllowed(email: string, address: string): Promise<void> {
    const [byLogin, byAddress] = await this.redis.mget(loginKey(email), addressKey(address));
    if (
      Number(byLogin ?? 0) >= MAX_FAILURES_PER_LOGIN ||
      Number(byAddress ?? 0) >= MAX_FAILURES_PER_ADDRESS
    ) {
      const ttl = await this.redis.ttl(
        Number(byLogin ?? 0) >= MAX_FAILURES_PER_LOGIN ? loginKey(email) : addressKey(address),
      );
      throw new TooManyRequestsError('too many failed logins; try again later', Math.max(ttl, 1));
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await this.redis
      .multi()
      .incr(loginKey(email))
      .expire(loginKey(email), WINDOW_SECONDS, 'NX')
      .incr(addressKey(address))
      .expire(addressKey(address), WINDOW_SECONDS, 'NX')
      .exec();
  }

  async clear(email: string): Promise<void> {
    await this.redis.del(loginKey(email));
  }
}

const loginKey = (email: string) => `tollgate:login-failures:login:${email}`;
const addressKey = (address: string) => `tollgate:login-failures:address:${address}`;
