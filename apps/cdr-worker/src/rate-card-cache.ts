import {
  compileRateCard,
  HOLIDAYS_OF_TENANT_SQL,
  PERIODS_OF_CARD_SQL,
  RATE_ROWS_SQL,
  type CachedCard,
  type PeriodRow,
  type RateCardRow,
  type RateRow,
} from '@tollgate/cdr';
import type { DataSource } from 'typeorm';

export type { CachedCard };

/** Changes whenever the card, its rates, its periods or its tenant's holidays change (as the API's catalog). */
const ROWS_VERSION = (table: string, where: string) =>
  `(SELECT count(*) || ':' || coalesce(bit_xor(hashtextextended(row.id::text || ':' || row.xmin::text, 0)), 0)
      FROM ${table} row WHERE ${where})`;

const CARD_FINGERPRINT = `
  SELECT card.id, card.currency, card.timezone, card.tenant_id AS "tenantId",
         card.xmin::text
         || '|' || ${ROWS_VERSION('rates', 'row.rate_card_id = card.id')}
         || '|' || ${ROWS_VERSION('rate_periods', 'row.rate_card_id = card.id')}
         || '|' || ${ROWS_VERSION('holidays', 'row.tenant_id = card.tenant_id')} AS fingerprint
    FROM rate_cards card
   WHERE card.id = $1 AND card.deleted_at IS NULL`;

interface Entry {
  fingerprint: string;
  checkedAt: number;
  compiled: CachedCard;
}

/**
 * Compiled rate cards by id, for rating CDRs at every level. A card is compiled once and checked
 * against its fingerprint at most every `recheckMs` (or at once after `invalidate`), so a rate
 * correction reaches the worker without re-reading a million rates per batch.
 */
export class RateCardCache {
  private readonly entries = new Map<string, Entry>();
  /** Look-ups in progress by card id: concurrent batches share one. */
  private readonly pending = new Map<string, Promise<CachedCard>>();
  /** Compilations run one at a time: a million-rate read holds a connection for seconds. */
  private compiling: Promise<unknown> = Promise.resolve();
  private invalidatedAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly recheckMs = 30_000,
  ) {}

  /** The operator changed rating data: every card is checked again on its next use. */
  invalidate(now = Date.now()): void {
    this.invalidatedAt = now;
  }

  async get(id: string, now = Date.now()): Promise<CachedCard> {
    const entry = this.entries.get(id);
    if (entry && now - entry.checkedAt < this.recheckMs && entry.checkedAt > this.invalidatedAt)
      return entry.compiled;
    const pending = this.pending.get(id);
    if (pending) return pending;
    const lookup = this.refresh(id, entry, now).finally(() => this.pending.delete(id));
    this.pending.set(id, lookup);
    return lookup;
  }

  private async refresh(id: string, entry: Entry | undefined, now: number): Promise<CachedCard> {
    const [meta] = (await this.dataSource.query(CARD_FINGERPRINT, [id])) as Array<{
      id: string;
      currency: string;
      timezone: string;
      tenantId: string;
      fingerprint: string;
    }>;
    if (meta === undefined) {
      const missing: Entry = {
        fingerprint: '',
        checkedAt: now,
        compiled: { problem: `rate card ${id} is deleted` },
      };
      this.entries.set(id, missing);
      return missing.compiled;
    }
    if (entry?.fingerprint === meta.fingerprint) {
      entry.checkedAt = now;
      return entry.compiled;
    }
    const compilation = this.compiling.then(() => this.compile(meta));
    this.compiling = compilation.catch(() => undefined);
    const compiled = await compilation;
    this.entries.set(id, { fingerprint: meta.fingerprint, checkedAt: now, compiled });
    return compiled;
  }

  private async compile(meta: RateCardRow): Promise<CachedCard> {
    const periods = (await this.dataSource.query(PERIODS_OF_CARD_SQL, [meta.id])) as PeriodRow[];
    const holidays = (await this.dataSource.query(HOLIDAYS_OF_TENANT_SQL, [meta.tenantId])) as Array<{
      date: string;
    }>;
    const rates = (await this.dataSource.query(`${RATE_ROWS_SQL} WHERE rate.rate_card_id = $1`, [
      meta.id,
    ])) as RateRow[];
    return compileRateCard(meta, periods, holidays, rates);
  }
}
