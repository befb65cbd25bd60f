import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';

/** Hours recomputed per transaction at most: a backlog (the first run after the migration) goes in steps. */
const HOURS_PER_ROUND = 100;
/** New CDRs added per transaction at most. */
const CDRS_PER_ROUND = 50_000;

/** pg_try_advisory_xact_lock key: one aggregator at a time over the whole database, whatever the workers. */
const AGGREGATOR_LOCK = 7_261_726_001;

/**
 * The hours touched since the last round, claimed: every mark of them that is committed is removed. A
 * mark committed later (its CDRs invisible to this round) stays for the next round.
 */
const CLAIM_DIRTY_HOURS = `
  DELETE FROM cdr_aggregate_dirty_hours
   WHERE hour IN (SELECT DISTINCT hour FROM cdr_aggregate_dirty_hours ORDER BY hour LIMIT ${HOURS_PER_ROUND})
  RETURNING hour`;

/**
 * One row per CDR and viewpoint: the owner (root of the account's tenant path, depth 1) and every reseller
 * in it. A viewpoint sells the call at the price of the level below it (the customer's price when the
 * account is its own, else its child reseller's buy price) and buys it at its own level (a reseller's buy
 * price; the owner's is the vendor cost). Cost counts only in the currency of the sale (no conversion).
 *
 * `levels` is [customer, nearest reseller … top reseller, vendor] (packages/cdr), so for a path of n
 * tenants viewpoint k sells at position n − k + 1 and buys at n − k + 2 (1-based). The JSON is read once
 * per CDR into arrays (each read of the column decompresses it: the costly part), and a level is used only
 * if its party is the one expected at its position, else it counts as missing. `OFFSET 0` keeps PostgreSQL
 * from inlining a step into the next, which would evaluate its expressions again at every reference.
 */
const cdrViewpoints = (cdrsToRead: string) => `
  SELECT date_trunc('hour', cdr.started_at) AS bucket,
         path.ids[viewpoint.depth] AS tenant_id,
         cdr.account_id,
         path.ids[viewpoint.depth + 1] AS via_tenant_id,
         CASE WHEN viewpoint.depth = 1 THEN cdr.vendor_id END AS vendor_id,
         level.destination,
         cdr.direction,
         cdr.disposition = 'answered' AS answered,
         cdr.duration_seconds,
         cdr.currency AS account_currency,
         level.parties[position.sold] = coalesce(path.ids[viewpoint.depth + 1], cdr.account_id)::text AS sold,
         level.parties[position.bought] =
           (CASE WHEN viewpoint.depth = 1 THEN cdr.vendor_id ELSE path.ids[viewpoint.depth] END)::text AS bought,
         level.prices[position.sold] AS sold_price,
         level.currencies[position.sold] AS sold_currency,
         level.billed[position.sold] AS sold_billed_seconds,
         level.prices[position.bought] AS bought_price,
         level.currencies[position.bought] AS bought_currency
    FROM ${cdrsToRead}
    JOIN (SELECT id, string_to_array(trim(BOTH '/' FROM path), '/')::uuid[] AS ids FROM tenants OFFSET 0) path
      ON path.id = cdr.tenant_id
    CROSS JOIN LATERAL (
      SELECT array_agg(element.party ORDER BY element.position) AS parties,
             array_agg(element.price ORDER BY element.position) AS prices,
             array_agg(element.currency ORDER BY element.position) AS currencies,
             array_agg(element.billed ORDER BY element.position) AS billed,
             min(element.rate->>'destination') FILTER (WHERE element.position = 1) AS destination
        FROM ROWS FROM (jsonb_to_recordset(cdr.levels)
               AS ("partyId" text, price numeric, currency text, "billedSeconds" bigint, rate jsonb))
             WITH ORDINALITY AS element(party, price, currency, billed, rate, position)) level
    CROSS JOIN LATERAL generate_series(1, cardinality(path.ids)) AS viewpoint(depth)
    CROSS JOIN LATERAL (
      SELECT cardinality(path.ids) - viewpoint.depth + 1 AS sold,
             cardinality(path.ids) - viewpoint.depth + 2 AS bought) position
  OFFSET 0`;

/** The CDRs of the hours $1 (of months $2, between $3 and $4). */
const CDRS_OF_HOURS = `(
    SELECT * FROM cdrs
     WHERE start_month = ANY($2::date[]) AND started_at >= $3 AND started_at < $4
       AND date_trunc('hour', started_at) = ANY($1::timestamptz[])) cdr`;

/**
 * The CDRs $1 (ids) of months $2, each looked up by its primary key (LATERAL, kept from being inlined by
 * `OFFSET 0`: whatever the statistics of a freshly filled partition say, never a scan of the whole month).
 */
const CDRS_BY_ID = `(
    SELECT found.* FROM unnest($1::uuid[], $2::date[]) AS added(id, start_month)
     CROSS JOIN LATERAL (
       SELECT * FROM cdrs WHERE cdrs.id = added.id AND cdrs.start_month = added.start_month OFFSET 0) found) cdr`;

const pricedViewpoints = (cdrsToRead: string) => `
  SELECT bucket, tenant_id, account_id, via_tenant_id, vendor_id, destination, direction, answered,
         duration_seconds, currency, billed_seconds, revenue, cost, revenue - cost AS margin
    FROM (
      SELECT viewpoint.*,
             CASE WHEN sold THEN sold_price END AS revenue,
             CASE WHEN bought AND bought_currency = currency THEN bought_price END AS cost,
             coalesce(CASE WHEN sold THEN sold_billed_seconds END, 0) AS billed_seconds
        FROM (SELECT *, coalesce(CASE WHEN sold THEN sold_currency END, account_currency) AS currency
                FROM (${cdrViewpoints(cdrsToRead)}) picked OFFSET 0) viewpoint
      OFFSET 0
    ) priced`;

const DIMENSIONS = 'tenant_id, account_id, via_tenant_id, vendor_id, destination, direction, currency';

const MEASURES =
  'calls, answered_calls, incomplete_calls, duration_seconds, billed_seconds, revenue, cost, margin';

/** Sums are exact (numeric); a call missing its sale or its cost adds to neither margin nor cost alone. */
const groupedViewpoints = (cdrsToRead: string) => `
  SELECT bucket, ${DIMENSIONS}, count(*)::int AS calls, (count(*) FILTER (WHERE answered))::int AS answered_calls,
         (count(*) FILTER (WHERE margin IS NULL))::int AS incomplete_calls, sum(duration_seconds) AS duration_seconds,
         sum(billed_seconds) AS billed_seconds, coalesce(sum(revenue), 0) AS revenue,
         coalesce(sum(cost), 0) AS cost, coalesce(sum(margin), 0) AS margin
    FROM (${pricedViewpoints(cdrsToRead)}) priced
   GROUP BY bucket, ${DIMENSIONS}`;

const RECOMPUTE_HOURS = `
  INSERT INTO cdr_hourly_aggregates (bucket, ${DIMENSIONS}, ${MEASURES}) ${groupedViewpoints(CDRS_OF_HOURS)}`;

const addTo = (table: string) =>
  `ON CONFLICT ON CONSTRAINT ${table}_key DO UPDATE SET ${MEASURES.split(', ')
    .map((measure) => `${measure} = ${table}.${measure} + excluded.${measure}`)
    .join(', ')}`;

/** New CDRs added to their hours and days: one read of each CDR, the sums upserted into both tables. */
const ADD_CDRS = `
  WITH added AS (${groupedViewpoints(CDRS_BY_ID)}),
       hourly AS (
         INSERT INTO cdr_hourly_aggregates (bucket, ${DIMENSIONS}, ${MEASURES})
         SELECT bucket, ${DIMENSIONS}, ${MEASURES} FROM added
         ${addTo('cdr_hourly_aggregates')})
  INSERT INTO cdr_daily_aggregates (bucket, ${DIMENSIONS}, ${MEASURES})
  SELECT (bucket AT TIME ZONE 'UTC')::date, ${DIMENSIONS}, sum(calls), sum(answered_calls), sum(incomplete_calls),
         sum(duration_seconds), sum(billed_seconds), sum(revenue), sum(cost), sum(margin)
    FROM added GROUP BY 1, ${DIMENSIONS}
  ${addTo('cdr_daily_aggregates')}`;

/** The CDRs inserted since the last round, claimed: their committed keys removed. */
const CLAIM_NEW_CDRS = `
  DELETE FROM cdr_aggregate_new_cdrs
   WHERE ctid = ANY(ARRAY(SELECT ctid FROM cdr_aggregate_new_cdrs LIMIT ${CDRS_PER_ROUND}))
  RETURNING cdr_id AS id, start_month::text AS month`;

/** A UTC day is the sum of its hours. */
const RECOMPUTE_DAYS = `
  INSERT INTO cdr_daily_aggregates (bucket, ${DIMENSIONS}, calls, answered_calls, incomplete_calls,
                                    duration_seconds, billed_seconds, revenue, cost, margin)
  SELECT (bucket AT TIME ZONE 'UTC')::date, ${DIMENSIONS}, sum(calls), sum(answered_calls), sum(incomplete_calls),
         sum(duration_seconds), sum(billed_seconds), sum(revenue), sum(cost), sum(margin)
    FROM cdr_hourly_aggregates
   WHERE bucket >= $2 AND bucket < $3 AND (bucket AT TIME ZONE 'UTC')::date = ANY($1::date[])
   GROUP BY 1, ${DIMENSIONS}`;

export interface AggregationRound {
  /** Another instance holds the aggregator's lock: this one did nothing. */
  busy: boolean;
  /** New CDRs added to their hour and day. */
  cdrs: number;
  /** Hours recomputed (rerated or deleted CDRs), and their days. */
  hours: number;
  days: number;
}

/**
 * Keeps `cdr_hourly_aggregates` and `cdr_daily_aggregates` equal to what `cdrs` holds. The CDR triggers
 * log every inserted CDR's key, and the hours of updated (rerated) or deleted ones. Each round, in one
 * REPEATABLE READ transaction (one snapshot: a key or a mark committed later is left, with its CDR, to the
 * next round): recompute the marked hours set-based (DELETE + INSERT) and their days, then add the new
 * CDRs outside those hours to their hour and day. A reader sees a round whole or not at all.
 */
export class CdrAggregator {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.schedule();
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Rounds until nothing is left to do (or another instance has the lock); answers what they did. */
  async catchUp(): Promise<AggregationRound> {
    const total: AggregationRound = { busy: false, cdrs: 0, hours: 0, days: 0 };
    for (;;) {
      const round = await this.round();
      total.cdrs += round.cdrs;
      total.hours += round.hours;
      total.days += round.days;
      total.busy = round.busy;
      if (round.busy || (round.hours < HOURS_PER_ROUND && round.cdrs < CDRS_PER_ROUND)) return total;
    }
  }

  async round(): Promise<AggregationRound> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        AGGREGATOR_LOCK,
      ])) as [{ locked: boolean }];
      if (!locked) return { busy: true, cdrs: 0, hours: 0, days: 0 };
      // A batch job: sort and group in memory, and skip JIT compilation (it costs more than it saves here).
      await manager.query(`SET LOCAL work_mem = '64MB'`);
      await manager.query('SET LOCAL jit = off');
      const claimed = (await manager.query(CLAIM_DIRTY_HOURS)) as [Array<{ hour: Date }>, number];
      const hours = [...new Set(claimed[0].map((row) => row.hour.toISOString()))].sort();
      const days = [...new Set(hours.map((hour) => hour.slice(0, 10)))];
      if (hours.length > 0) {
        await recomputeHours(manager, hours);
        await recomputeDays(manager, days);
      }
      const cdrs = await addNewCdrs(manager);
      return { busy: false, cdrs, hours: hours.length, days: days.length };
    });
  }

  /**
   * The next round starts `intervalMs` after this one ended, or 4 times this round's duration if longer:
   * a busy hour costs the database at most a fifth of its time, and the figures come later instead.
   */
  private schedule(lastRoundMs = 0): void {
    if (this.stopped) return;
    this.timer = setTimeout(
      () => {
        const started = performance.now();
        this.running = this.catchUp()
          .then((done) => {
            if (done.hours > 0 || done.cdrs > 0) this.logger.debug(done, 'CDR aggregates updated');
          })
          .catch((error: unknown) => this.logger.error({ err: error }, 'CDR aggregation failed'))
          .finally(() => this.schedule(performance.now() - started));
      },
      Math.max(this.intervalMs, lastRoundMs * 4),
    );
    this.timer.unref();
  }
}

async function recomputeHours(manager: EntityManager, hours: readonly string[]): Promise<void> {
  const months = [...new Set(hours.map((hour) => `${hour.slice(0, 7)}-01`))];
  const first = hours[0]!;
  const end = new Date(Date.parse(hours[hours.length - 1]!) + 3_600_000).toISOString();
  await manager.query('DELETE FROM cdr_hourly_aggregates WHERE bucket = ANY($1::timestamptz[])', [hours]);
  await manager.query(RECOMPUTE_HOURS, [hours, months, first, end]);
  // New CDRs of these hours are counted now: their keys must not be added again.
  await manager.query(
    `DELETE FROM cdr_aggregate_new_cdrs WHERE date_trunc('hour', started_at) = ANY($1::timestamptz[])`,
    [hours],
  );
}

async function recomputeDays(manager: EntityManager, days: readonly string[]): Promise<void> {
  const sorted = [...days].sort();
  const first = `${sorted[0]!}T00:00:00Z`;
  const end = new Date(Date.parse(`${sorted[sorted.length - 1]!}T00:00:00Z`) + 86_400_000).toISOString();
  await manager.query('DELETE FROM cdr_daily_aggregates WHERE bucket = ANY($1::date[])', [sorted]);
  await manager.query(RECOMPUTE_DAYS, [sorted, first, end]);
}

/** Answers how many new CDRs it added. */
async function addNewCdrs(manager: EntityManager): Promise<number> {
  const [added] = (await manager.query(CLAIM_NEW_CDRS)) as [Array<{ id: string; month: string }>, number];
  if (added.length > 0)
    await manager.query(ADD_CDRS, [added.map((cdr) => cdr.id), added.map((cdr) => cdr.month)]);
  return added.length;
}
