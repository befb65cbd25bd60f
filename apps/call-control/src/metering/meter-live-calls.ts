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

/** A pool whose credit runs out within this many periods is metered first in a pass, and on its own timer. */
const URGENT_PERIODS = 2;

/**
 * How often a pool is metered on its own once its last second has begun: `secondsLeft` counts whole
 * seconds of each call, so the pool runs out at some instant of that second, not at its end.
 */
const LAST_SECOND_STEP_MS = 100;

/**
 * The metering loop: every period, each live pool is metered (one atomic script per pool, pipelined on
 * the connection); a pool that cannot pay the next pulse has every answered call ended, and calls past
 * their own limit are ended too. With several call control processes each meters the pools it owns
 * (CallControlMembers). Passes never overlap: a slow pass delays the next one.
 *
 * With thousands of pools a pass lasts a good part of the period, so waiting for the next pass would end
 * a call up to two periods after its credit ran out. Each reply tells how long the pool can still pay
 * (`secondsLeft`): a pool due to run out before the next pass is met is metered again on its own at that
 * instant, and first in the passes until then; the end requests go out without waiting for the pass.
 */
export class LiveCallMeter {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private scanning: Promise<void> | undefined;
  private lastScan = 0;
  private stopped = false;
  /** Epoch ms at which a pool's credit runs out, as its last meter saw it: pools near it go first. */
  private readonly runsOutAt = new Map<string, number>();
  /** Timers that meter a pool on its own at the instant its credit runs out. */
  private readonly exhaustionTimers = new Map<string, NodeJS.Timeout>();
  /** End requests under way, awaited by stop(). */
  private readonly ending = new Set<Promise<void>>();

  constructor(
    private readonly pools: CreditPools,
    private readonly redis: Redis,
    private readonly live: LivePools,
    private readonly members: CallControlMembers,
    private readonly terminator: CallTerminator,
    private readonly metrics: CallControlMetrics,
    private readonly logger: Logger,
    private readonly options: MeteringOptions,
    /**
     * Where a pool is metered on its own at its exhaustion: a connection of its own, as on the metering
     * one its script would wait behind every script of a pass under way.
     */
    private readonly urgentPools: CreditPools = pools,
  ) {}

  start(): void {
    this.lastScan = Date.now();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const timer of this.exhaustionTimers.values()) clearTimeout(timer);
    this.exhaustionTimers.clear();
    await this.running;
    await this.scanning;
    await Promise.all(this.ending);
    await this.members.leave().catch(() => undefined);
  }

  /** One metering pass over every live pool this member owns, those nearest to running out first. */
  async meterLiveCalls(now = new Date()): Promise<void> {
    const endTimer = this.metrics.passSeconds.startTimer();
    await this.members.heartbeat(now.getTime());
    const urgentBefore = now.getTime() + URGENT_PERIODS * this.options.periodMs;
    const urgent: string[] = [];
    const others: string[] = [];
    for (const accountId of this.live.list()) {
      if (!this.members.owns(accountId)) continue;
      if ((this.runsOutAt.get(accountId) ?? Infinity) <= urgentBefore) urgent.push(accountId);
      else others.push(accountId);
    }
    // Auto-pipelining sends the scripts in the order they are called: the urgent pools' replies come first.
    const metered = await Promise.all(
      [...urgent, ...others].map((accountId) => this.meterPool(accountId, now)),
    );
    this.metrics.livePools.set(this.live.size);
    await this.recordTotals(metered.reduce((sum, calls) => sum + calls, 0));
    endTimer();
  }

  /** Meters one pool; answers how many answered calls it metered. */
  private async meterPool(accountId: string, now: Date, pools = this.pools): Promise<number> {
    let result: MeterResult;
    try {
      result = await pools.meter(accountId, now);
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
        this.forgetPool(accountId);
        return 0;
      case 'exhausted':
        this.logger.info({ accountId, calls: result.calls.length }, 'credit exhausted: ending the pool');
        this.forgetPool(accountId);
        this.endCalls(accountId, result.calls, 'credit-exhausted', now.getTime());
        return result.calls.length;
      case 'metered':
        this.metrics.callsMetered.inc(result.activeCalls);
        this.watchExhaustion(accountId, now.getTime(), result.secondsLeft);
        if (result.overdue.length > 0) this.endCalls(accountId, result.overdue, 'max-time', now.getTime());
        return result.activeCalls;
    }
  }

  /**
   * Remembers when the pool runs out (metered at `meteredAt`, it can pay `secondsLeft` more seconds: it
   * runs out during the last of them). If that is before the next pass can see it, the pool is metered on
   * its own from the start of that last second, every LAST_SECOND_STEP_MS until it has run out.
   */
  private watchExhaustion(accountId: string, meteredAt: number, secondsLeft: number): void {
    const runsOutBy = meteredAt + secondsLeft * 1000;
    this.runsOutAt.set(accountId, runsOutBy);
    clearTimeout(this.exhaustionTimers.get(accountId));
    this.exhaustionTimers.delete(accountId);
    if (this.stopped || runsOutBy - Date.now() >= URGENT_PERIODS * this.options.periodMs) return;
    const lastSecondFrom = meteredAt + Math.max(0, secondsLeft - 1) * 1000;
    const delay = Math.max(LAST_SECOND_STEP_MS, lastSecondFrom - Date.now());
    const timer = setTimeout(() => {
      this.exhaustionTimers.delete(accountId);
      if (this.stopped || !this.members.owns(accountId)) return;
      void this.meterPool(accountId, new Date(), this.urgentPools);
    }, delay);
    timer.unref();
    this.exhaustionTimers.set(accountId, timer);
  }

  private forgetPool(accountId: string): void {
    this.runsOutAt.delete(accountId);
    clearTimeout(this.exhaustionTimers.get(accountId));
    this.exhaustionTimers.delete(accountId);
  }

  /** Starts the end requests without holding up the pass (a slow Kamailio must not delay other pools). */
  private endCalls(
    accountId: string,
    callIds: readonly string[],
    reason: 'credit-exhausted' | 'max-time',
    now: number,
  ) {
    const request = this.terminator.end(accountId, callIds, reason, now).finally(() => {
      this.ending.delete(request);
    });
    this.ending.add(request);
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
    if (started - this.lastScan >= this.options.scanEveryMs && this.scanning === undefined) {
      this.lastScan = started;
      // A scan walks the keyspace: it runs beside the passes, never inside one.
      this.scanning = this.live
        .scan()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, 'scanning for live pools failed'))
        .finally(() => {
          this.scanning = undefined;
        });
    }
    try {
      await this.meterLiveCalls(new Date(started));
    } catch (error) {
      this.logger.error({ err: error }, 'metering pass failed');
    }
  }
}
