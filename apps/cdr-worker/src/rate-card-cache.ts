import {
  RateCard,
  type PeriodDefinition,
  type RateInput,
  type RoundingMode,
  type Weekday,
} from '@tollgate/rating';
import type { DataSource } from 'typeorm';

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

/** Rates read as text straight from SQL: a million-row deck is not worth hydrating as entities. */
const RATES_OF_CARD = `
  SELECT rate.id, rate.prefix, rate.destination, rate.price_per_minute::text AS "pricePerMinute",
         rate.connect_fee::text AS "connectFee", rate.min_charge::text AS "minCharge",
         rate.first_interval AS "firstInterval", rate.next_interval AS "nextInterval",
         rate.free_seconds AS "freeSeconds", rate.no_charge_below_seconds AS "noChargeBelow",
         rate.rounding_mode::text AS "roundingMode", rate.rounding_decimals AS "roundingDecimals",
         rate.effective_from AS "effectiveFrom", rate.effective_to AS "effectiveTo", period.name AS period
    FROM rates rate LEFT JOIN rate_periods period ON period.id = rate.period_id
   WHERE rate.rate_card_id = $1`;

const PERIODS_OF_CARD = `
  SELECT name, weekdays, start_time AS "startTime", end_time AS "endTime",
         applies_on_holidays::text AS "appliesOnHolidays"
    FROM rate_periods WHERE rate_card_id = $1 ORDER BY position, name`;

const ENGINE_ROUNDING: Record<string, RoundingMode> = {
  up: 'up',
  half_up: 'half-up',
  half_even: 'half-even',
  down: 'down',
};

interface RateRow {
  id: string;
  prefix: string;
  destination: string | null;
  pricePerMinute: string;
  connectFee: string;
  minCharge: string;
  firstInterval: number;
  nextInterval: number;
  freeSeconds: number;
  noChargeBelow: number;
  roundingMode: string;
  roundingDecimals: number;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  period: string | null;
}

interface PeriodRow {
  name: string;
  weekdays: number[];
  startTime: string | null;
  endTime: string | null;
  appliesOnHolidays: string;
}

/** A compiled card, or why it cannot be used. */
export type CachedCard = { card: RateCard; problem?: undefined } | { card?: undefined; problem: string };

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

  private async compile(meta: {
    id: string;
    currency: string;
    timezone: string;
    tenantId: string;
  }): Promise<CachedCard> {
    const periods = (await this.dataSource.query(PERIODS_OF_CARD, [meta.id])) as PeriodRow[];
    const holidays = (await this.dataSource.query(
      `SELECT date::text AS date FROM holidays WHERE tenant_id = $1`,
      [meta.tenantId],
    )) as Array<{ date: string }>;
    const rates = (await this.dataSource.query(RATES_OF_CARD, [meta.id])) as RateRow[];
    try {
      const card = RateCard.build({
        id: meta.id,
        currency: meta.currency,
        timeZone: meta.timezone,
        periods: periods.map(toPeriodDefinition),
        holidays: holidays.map((holiday) => holiday.date),
        rates: rates.map(toRateInput),
      });
      return { card };
    } catch (error) {
      return { problem: `rate card ${meta.id} cannot be rated: ${(error as Error).message}` };
    }
  }
}

function toPeriodDefinition(period: PeriodRow): PeriodDefinition {
  const holiday =
    period.appliesOnHolidays === 'no' ? false : period.appliesOnHolidays === 'only' ? true : undefined;
  return {
    name: period.name,
    ...(period.weekdays.length > 0 ? { weekdays: period.weekdays as Weekday[] } : {}),
    ...(period.startTime !== null && period.endTime !== null
      ? { times: [{ from: period.startTime, to: period.endTime }] }
      : {}),
    ...(holiday !== undefined ? { holiday } : {}),
  };
}

function toRateInput(rate: RateRow): RateInput {
  return {
    id: rate.id,
    prefix: rate.prefix,
    ...(rate.destination !== null ? { destination: rate.destination } : {}),
    pricePerMinute: rate.pricePerMinute,
    connectFee: rate.connectFee,
    minCharge: rate.minCharge,
    firstInterval: rate.firstInterval,
    nextInterval: rate.nextInterval,
    freeSeconds: rate.freeSeconds,
    noChargeBelow: rate.noChargeBelow,
    rounding: { mode: ENGINE_ROUNDING[rate.roundingMode] ?? 'half-up', decimals: rate.roundingDecimals },
    effectiveFrom: rate.effectiveFrom,
    ...(rate.effectiveTo !== null ? { effectiveTo: rate.effectiveTo } : {}),
    ...(rate.period !== null ? { period: rate.period } : {}),
  };
}
