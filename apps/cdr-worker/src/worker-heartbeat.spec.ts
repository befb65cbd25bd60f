import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerHeartbeat } from './worker-heartbeat';

describe('cdr-worker heartbeat', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(process.env.REDIS_URL!);
  });
  afterAll(async () => redis?.quit());

  it('beats at once into the members set, drops members silent for a minute, and leaves on stop', async () => {
    const key = `test:${randomUUID()}:cdr-worker:members`;
    await redis.zadd(key, String(Date.now() - 120_000), 'crashed-worker');
    const before = Date.now();
    const stop = startWorkerHeartbeat(redis, key);
    let members: string[] = [];
    for (
      let attempt = 0;
      attempt < 100 && (members.length !== 2 || members[0] === 'crashed-worker');
      attempt++
    ) {
      members = await redis.zrange(key, 0, -1, 'WITHSCORES');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // One member, this process (host:pid): the beat dropped the crashed one in the same transaction.
    expect(members).toHaveLength(2);
    expect(members[0]).toMatch(/:\d+$/);
    expect(members[0]).not.toBe('crashed-worker');
    expect(Number(members[1])).toBeGreaterThanOrEqual(before);
    await stop();
    expect(await redis.zcard(key)).toBe(0);
  });
});
