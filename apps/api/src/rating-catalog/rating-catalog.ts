import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RateCard as EngineRateCard } from '@tollgate/rating';
import type Redis from 'ioredis';
import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { METRICS_REGISTRY } from '../health/metrics.controller';
import { REDIS } from '../redis/redis.module';
import { buildCatalogSnapshot } from './build-catalog-snapshot';
import { CATALOG_CHANGED_CHANNEL, CatalogChanges } from './catalog-changes';
import { CatalogMetrics } from './catalog-metrics';
import type {
  CatalogAccount,
  CatalogLine,
  CatalogRoute,
  CatalogRoutingPlan,
  CatalogSnapshot,
  CatalogTrunk,
  ResellerLevel,
} from './catalog-snapshot';
import { loadCatalogRows } from './load-catalog-rows';
import { RebuildSchedule, type RebuildScheduleOptions } from './rebuild-schedule';

export const RATING_CATALOG_OPTIONS = Symbol('RatingCatalogOptions');

export type RatingCatalogOptions = RebuildScheduleOptions;

export const DEFAULT_RATING_CATALOG_OPTIONS: RatingCatalogOptions = { debounceMs: 200, intervalMs: 60_000 };

/**
 * A rebuild with no announcement since the rate cards were last checked reuses their fingerprints instead
 * of scanning every rate (a second or two of PostgreSQL for a million-rate deck); this often, the cards are
 * checked anyway, for a write that was never announced.
 */
const CARD_RECHECK_MS = 10 * 60_000;

/**
 * The in-memory configuration `authorize` reads instead of PostgreSQL: an immutable snapshot, rebuilt
 * in full off the request path and swapped in one assignment, so a reader sees the old snapshot or the
 * new one, never half of each. Rebuilds follow `CatalogChanges` announcements on Redis (debounced) and a
 * periodic safety rebuild; a failed rebuild keeps the previous snapshot in service.
 *
 * The lookups below read the snapshot current at the time of each call. A caller making several
 * lookups for one call should take `current` once and ask it, so they all answer from one version.
 */
@Injectable()
export class RatingCatalog implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RatingCatalog.name);
  private readonly metrics: CatalogMetrics;
  private readonly schedule: RebuildSchedule;
  private snapshot: CatalogSnapshot | undefined;
  private subscriber: Redis | undefined;
  private rebuilds = 0;
  private cardsChecked: { changeCount: string; at: number } | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(METRICS_REGISTRY) registry: Registry,
    @Inject(RATING_CATALOG_OPTIONS) options: RatingCatalogOptions,
    private readonly changes: CatalogChanges,
  ) {
    this.metrics = new CatalogMetrics(registry, () => this.snapshot);
    this.schedule = new RebuildSchedule(() => this.rebuild(), options);
  }

  /** Listens first, then loads: a change committed during the first load still causes a rebuild. */
  async onModuleInit(): Promise<void> {
    await this.listen();
    if (!(await this.rebuild())) throw new Error('the rating catalog could not be loaded');
  }

  onApplicationBootstrap(): void {
    this.schedule.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.schedule.stop();
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
    await this.schedule.idle();
  }

  /** The snapshot in service. */
  get current(): CatalogSnapshot {
    if (!this.snapshot) throw new Error('the rating catalog is not loaded yet');
    return this.snapshot;
  }

  get version(): number {
    return this.current.version;
  }

  get loadedAt(): Date {
    return this.current.loadedAt;
  }

  /** Rebuilds attempted since start (successful or not). */
  get rebuildCount(): number {
    return this.rebuilds;
  }

  lineByAddress(username: string, domain: string): CatalogLine | undefined {
    return this.current.lineByAddress(username, domain);
  }

  trunkBySourceIp(ip: string): CatalogTrunk | undefined {
    return this.current.trunkBySourceIp(ip);
  }

  isBanned(ip: string, tenantPath: string, at?: number): boolean {
    return this.current.isBanned(ip, tenantPath, at);
  }

  account(id: string): CatalogAccount | undefined {
    return this.current.account(id);
  }

  sellCardFor(account: CatalogAccount): EngineRateCard | undefined {
    return this.current.sellCardFor(account);
  }

  routingFor(account: CatalogAccount): CatalogRoutingPlan | undefined {
    return this.current.routingFor(account);
  }

  resellerChainFor(account: CatalogAccount): readonly ResellerLevel[] {
    return this.current.resellerChainFor(account);
  }

  vendorsFor(plan: CatalogRoutingPlan, digits: string): CatalogRoute | undefined {
    return this.current.vendorsFor(plan, digits);
  }

  private async listen(): Promise<void> {
    const subscriber = this.redis.duplicate({ connectionName: 'tollgate-api-catalog', lazyConnect: true });
    this.subscriber = subscriber;
    subscriber.on('message', (_channel: string, database: string) => {
      if (database === this.changes.database || database === '') this.schedule.request();
    });
    // Announcements sent while the connection was down are lost: catch up once it is back.
    let connected = false;
    subscriber.on('ready', () => {
      if (connected) this.schedule.request();
      connected = true;
    });
    subscriber.on('error', (error: Error) => this.logger.warn(`catalog subscription: ${error.message}`));
    await subscriber.connect();
    await subscriber.subscribe(CATALOG_CHANGED_CHANNEL);
  }

  /** Loads and builds a new snapshot and swaps it in; false (previous snapshot kept) on failure. */
  private async rebuild(): Promise<boolean> {
    this.rebuilds++;
    const endTimer = this.metrics.rebuildSeconds.startTimer();
    const previous = this.snapshot;
    try {
      // Read before the rows: an announcement that lands after it makes the next rebuild check the cards.
      const changeCount = await this.changes.count();
      const checkedAt = Date.now();
      const trustPreviousFingerprints =
        previous !== undefined &&
        changeCount !== undefined &&
        changeCount === this.cardsChecked?.changeCount &&
        checkedAt - this.cardsChecked.at < CARD_RECHECK_MS;
      const { rows, loadedAt } = await loadCatalogRows(this.dataSource, previous, {
        trustPreviousFingerprints,
      });
      const next = buildCatalogSnapshot(rows, { version: (previous?.version ?? 0) + 1, loadedAt, previous });
      this.snapshot = next;
      if (!trustPreviousFingerprints && changeCount !== undefined)
        this.cardsChecked = { changeCount, at: checkedAt };
      this.reportProblems(next, previous);
      return true;
    } catch (error) {
      this.metrics.rebuildFailures.inc();
      this.logger.error(
        `rating catalog rebuild failed, still serving version ${previous?.version ?? 'none'}: ${(error as Error).message}`,
      );
      return false;
    } finally {
      endTimer();
    }
  }

  private reportProblems(next: CatalogSnapshot, previous: CatalogSnapshot | undefined): void {
    const known = new Set(previous?.problems);
    for (const problem of next.problems)
      if (!known.has(problem)) this.logger.warn(`rating catalog left out ${problem}`);
  }
}
