import { hostname } from 'node:os';
import type Redis from 'ioredis';

/** Every 5 s; a member silent for a minute is dropped from the set by the next beat of any instance. */
const BEAT_MS = 5_000;
const EXPIRE_MS = 60_000;

/**
 * Keeps this process's heartbeat in the sorted set `tollgate:cdr-worker:members` (member = instance,
 * score = epoch ms), in the style of call control's members, for the API's GET /dashboard/status.
 * Answers a function that stops beating and leaves the set.
 */
export function startWorkerHeartbeat(redis: Redis, key = 'tollgate:cdr-worker:members'): () => Promise<void> {
  const instance = `${hostname()}:${process.pid}`;
  const beat = async () => {
    const now = Date.now();
    await redis
      .multi()
      .zadd(key, String(now), instance)
      .zremrangebyscore(key, '-inf', String(now - EXPIRE_MS))
      .pexpire(key, EXPIRE_MS * 10)
      .exec();
  };
  const beatQuietly = () => void beat().catch(() => undefined);
  beatQuietly();
  const timer = setInterval(beatQuietly, BEAT_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await redis.zrem(key, instance).catch(() => undefined);
  };
}
