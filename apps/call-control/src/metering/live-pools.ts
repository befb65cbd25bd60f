import { callsBegunChannel, type CreditPools } from '@tollgate/credit-pools';
import type Redis from 'ioredis';

/**
 * The accounts whose pools have open calls: found by scanning Redis for open-call indexes (at start, so
 * a restarted call control picks up every live call, and periodically as a safety net) and told by the
 * API the moment a call is answered (pub/sub). Call control meters exactly these.
 */
export class LivePools {
  private readonly accounts = new Set<string>();
  private subscriber: Redis | undefined;

  constructor(
    private readonly pools: CreditPools,
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  async start(): Promise<void> {
    const subscriber = this.redis.duplicate({ connectionName: 'tollgate-call-control-begun' });
    this.subscriber = subscriber;
    subscriber.on('message', (_channel: string, accountId: string) => this.accounts.add(accountId));
    await subscriber.subscribe(callsBegunChannel(this.keyPrefix));
    await this.scan();
  }

  async stop(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** Adds every account that has an open-call index in Redis; answers how many it found. */
  async scan(): Promise<number> {
    let found = 0;
    for await (const accountId of this.pools.accountsWithOpenCalls()) {
      this.accounts.add(accountId);
      found++;
    }
    return found;
  }

  list(): string[] {
    return [...this.accounts];
  }

  /** The pool has no open call left; a new answer or the next scan brings it back. */
  forget(accountId: string): void {
    this.accounts.delete(accountId);
  }

  get size(): number {
    return this.accounts.size;
  }
}
