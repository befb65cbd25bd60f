import { Inject, Injectable } from '@nestjs/common';
import { UserSession } from '@tollgate/db';
import type Redis from 'ioredis';
import { type EntityManager, IsNull } from 'typeorm';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { REDIS } from '../redis/redis.module';

/**
 * Signs a user out everywhere: refresh sessions end in the caller's transaction, and access tokens
 * issued before now stop working at once on every API replica (a marker in Redis that outlives the
 * longest access token, after which those tokens have expired anyway).
 */
@Injectable()
export class SessionRevocation {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_ENVIRONMENT) private readonly env: ApiEnvironment,
  ) {}

  async revokeAll(manager: EntityManager, userId: string): Promise<void> {
    await manager
      .getRepository(UserSession)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await this.redis.set(markerKey(userId), String(Date.now()), 'EX', this.env.ACCESS_TOKEN_TTL_SECONDS);
  }

  async isRevoked(userId: string, issuedAtMs: number): Promise<boolean> {
    const revokedAt = await this.redis.get(markerKey(userId));
    return revokedAt !== null && issuedAtMs <= Number(revokedAt);
  }
}

const markerKey = (userId: string) => `tollgate:access-tokens-revoked-at:${userId}`;
