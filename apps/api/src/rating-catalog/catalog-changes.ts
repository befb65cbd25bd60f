import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { REDIS } from '../redis/redis.module';

/** Every API replica's rating catalog listens here and rebuilds when a message arrives. */
export const CATALOG_CHANGED_CHANNEL = 'tollgate:catalog:changed';

/** Counts the announcements per database: a catalog that saw no new one need not re-check its rate cards. */
export const catalogChangeCountKey = (database: string) => `tollgate:catalog:changes:${database}`;

/**
 * Tells every replica that catalog data changed. Call it after the transaction commits (a rebuild
 * started earlier would not see the change). The message is the database name, so installations or
 * test databases sharing one Redis do not rebuild for each other.
 */
@Injectable()
export class CatalogChanges {
  private readonly logger = new Logger(CatalogChanges.name);
  readonly database: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.database = dataSource.driver.database ?? '';
  }

  /**
   * Never throws: the change is committed whatever Redis says. A lost announcement is caught up by the
   * catalogs' periodic safety rebuild.
   */
  async announce(): Promise<void> {
    try {
      await this.redis.incr(catalogChangeCountKey(this.database));
      await this.redis.publish(CATALOG_CHANGED_CHANNEL, this.database);
    } catch (error) {
      this.logger.warn(`catalog change not announced: ${(error as Error).message}`);
    }
  }

  /** How many announcements this database has had; undefined when Redis cannot say. */
  async count(): Promise<string | undefined> {
    try {
      return (await this.redis.get(catalogChangeCountKey(this.database))) ?? '0';
    } catch {
      return undefined;
    }
  }

  /** Waits for a transaction to commit, announces, and answers its result; a rolled-back one announces nothing. */
  async announceAfter<T>(committed: Promise<T>): Promise<T> {
    const result = await committed;
    await this.announce();
    return result;
  }
}
