import type Redis from 'ioredis';

export interface MembershipOptions {
  /** A member that has not renewed its heartbeat for this long is dead: its accounts move. */
  readonly expireMs: number;
}

/**
 * How several call control processes share the pools: each renews a heartbeat in a sorted set every
 * metering pass, and an account belongs to the live member that ranks first for it by rendezvous
 * hashing (highest hash of member + account). Every member computes the same owner from the same member
 * list, a member joining or leaving moves only the accounts it gains or held, and a dead member's
 * accounts are taken over once its heartbeat is `expireMs` old.
 */
export class CallControlMembers {
  private members: string[] = [];

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    readonly id: string,
    private readonly options: MembershipOptions,
  ) {}

  /** Renews this member's heartbeat, drops the expired ones, and reads who is alive. */
  async heartbeat(now = Date.now()): Promise<readonly string[]> {
    const [, , , alive] = (await this.redis
      .multi()
      .zadd(this.key, String(now), this.id)
      .zremrangebyscore(this.key, '-inf', String(now - this.options.expireMs))
      .pexpire(this.key, this.options.expireMs * 10)
      .zrange(this.key, 0, -1)
      .exec())!;
    this.members = [...(alive![1] as string[])].sort();
    return this.members;
  }

  /** Leaves at once (on shutdown), so the others take the accounts over at their next pass. */
  async leave(): Promise<void> {
    await this.redis.zrem(this.key, this.id);
  }

  owns(accountId: string): boolean {
    if (this.members.length <= 1) return true;
    let best = '';
    let bestScore = -1;
    for (const member of this.members) {
      const score = fnv1a(`${member}/${accountId}`);
      if (score > bestScore) [best, bestScore] = [member, score];
    }
    return best === this.id;
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
