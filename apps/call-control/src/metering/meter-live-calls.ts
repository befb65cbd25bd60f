import { callControlStatsKey, type CreditPools, type MeterResult } from '@tollgate/credit-pools';
import type Redis from 'ioredis';
import type { Logger } from '@tollgate/observability';
import type { CallControlMetrics } from '../call-control-metrics';
import type { CallControlMembers } from './call-control-members';
import type { CallTerminator } from './call-terminator';
import type { LivePools } from './live-pools';

export interface MeteringOptions {
  /** The check period: every pool is metered this often. */
  readonly periodMs: number;
  /** How often Redis is scanned for pools the announcements missed. */
  readonly scanEveryMs: number;
}

/**
 * The metering loop: every period, each live pool is metered (one atomic script per pool, pipelined on
 * the connection); a pool that cannot pay the next pulse has every answered call ended, and calls past
 * their own limit are ended too. With several call control processes each meters the pools it owns
 * (CallControlMembers). Passes never overlap: a slow pass delays the next one.
 */
export class LiveCallMeter {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastScan = 0;
  private stopped = false;

  constructor(
    private readonly pools: CreditPools,
    private readonly redis: Redis,
    private readonly live: LivePools,
    private readonly members: CallControlMembers,
    private readonly terminator: CallTerminator,
    private readonly metrics: CallControlMetrics,
    private readonly logger: Logger,
    private readonly options: MeteringOptions,
  ) {}

  start(): void {
    this.lastScan = Date.now();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.members.leave().catch(() => undefined);
  }

  /** One metering pass over every live pool this member owns. */
  async meterLiveCalls(now = new Date()): Promise<void> {
    const endTimer = this.metrics.passSeconds.startTimer();
    await this.members.heartbeat(now.getTime());
    const accounts = this.live.list().filter((accountId) => this.members.owns(accountId));
    const metered = await Promise.all(accounts.map((accountId) => this.meterPool(accountId, now)));
    this.metrics.livePools.set(this.live.size);
    await this.recordTotals(metered.reduce((sum, calls) => sum + calls, 0));
    endTimer();
  }

  /** Meters one pool; answers how many answered calls it metered. */
  private async meterPool(accountId: string, now: Date): Promise<number> {
    let result: MeterResult;
    try {
      result = await this.pools.meter(accountId, now);
    } catch (error) {
      this.metrics.meterFailures.inc();
      this.logger.error({ accountId, err: error }, 'metering a pool failed');
      return 0;
    }
    this.metrics.poolsMetered.inc();
    switch (result.status) {
      case 'none':
      case 'idle':
        this.live.forget(accountId);
        return 0;
      case 'exhausted':
        this.logger.info({ accountId, calls: result.calls.length }, 'credit exhausted: ending the pool');
        await this.terminator.end(accountId, result.calls, 'credit-exhausted', now.getTime());
        return result.calls.length;
      case 'metered':
        this.metrics.callsMetered.inc(result.activeCalls);
        if (result.overdue.length > 0)
          await this.terminator.end(accountId, result.overdue, 'max-time', now.getTime());
        return result.activeCalls;
    }
  }

  /** The totals the API's statistics show: one round trip per pass, whatever the number of pools. */
  private async recordTotals(callsMetered: number): Promise<void> {
    await this.redis
      .multi()
      .hincrby(callControlStatsKey(this.pools.keyPrefix), 'passes', 1)
      .hincrby(callControlStatsKey(this.pools.keyPrefix), 'callsMetered', callsMetered)
      .exec();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const started = Date.now();
      this.running = this.pass(started).finally(() => {
        this.running = undefined;
        this.schedule(Math.max(0, this.options.periodMs - (Date.now() - started)));
      });
    }, delayMs);
  }

  private async pass(started: number): Promise<void> {
    try {
      if (started - this.lastScan >= this.options.scanEveryMs) {
        this.lastScan = started;
        await this.live.scan();
      }
      await this.meterLiveCalls(new Date(started));
    } catch (error) {
      this.logger.error({ err: error }, 'metering pass failed');
    }
  }
}
