import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { Actor } from '../audit/actor';
import { BadRequestError, ForbiddenError, NotFoundError } from '../http/domain-errors';
import { splitPath } from '../rating-catalog/catalog-snapshot';
import type { dashboardSeriesQuerySchema, dashboardSeriesSchema, SeriesGrouping } from './dto/dashboard.dto';

export type DashboardSeries = z.output<typeof dashboardSeriesSchema>;
type SeriesQuery = z.output<typeof dashboardSeriesQuerySchema>;
type Series = DashboardSeries['series'][number];

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A chart has at most this many points: 62 days of hours, two years of days. */
const MAX_BUCKETS = { hour: 62 * 24, day: 731 } as const;
const DEFAULT_SPAN = { hour: 48 * HOUR_MS, day: 30 * DAY_MS } as const;

/** The aggregate column each grouping splits on, and where its name is read. */
const GROUP_COLUMNS: Record<Exclude<SeriesGrouping, 'none'>, string> = {
  account: 'account_id::text',
  reseller: 'via_tenant_id::text',
  vendor: 'vendor_id::text',
  destination: 'destination',
};

const GROUP_NAMES: Record<Exclude<SeriesGrouping, 'none' | 'destination'>, string> = {
  account: 'SELECT id::text AS id, name FROM accounts WHERE id::text = ANY($1)',
  reseller: 'SELECT id::text AS id, name FROM tenants WHERE id::text = ANY($1)',
  vendor: 'SELECT id::text AS id, name FROM vendors WHERE id::text = ANY($1)',
};

interface BucketRow {
  bucket: string;
  currency: string;
  key: string | null;
  calls: number;
  answered: number;
  incomplete: number;
  billed: string;
  revenue: string;
  cost: string;
  margin: string;
}

/**
 * Calls, minutes, revenue, cost and margin per hour or UTC day, from the CDR aggregates cdr-worker
 * keeps (docs/cdrs.md). Each tenant's figures are its own: what it sold the calls at and what it paid,
 * so a reseller never sees its parent's price or the operator's vendor costs.
 */
@Injectable()
export class DashboardSeriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async series(actor: Actor, query: SeriesQuery): Promise<DashboardSeries> {
    if (actor.scope.isEndUser)
      throw new ForbiddenError('the dashboard is for the operator and its resellers');
    const tenantId = query.tenantId ?? actor.scope.tenantId;
    const tenantPath = await this.tenantPathInScope(actor, tenantId);
    if (query.by === 'vendor' && splitPath(tenantPath).length !== 1)
      throw new BadRequestError("vendors are the operator's: only its own figures split by vendor", 'by');
    if (query.accountId) await this.assertAccountUnder(tenantPath, query.accountId);
    const buckets = bucketStarts(query);
    const rows = await this.bucketRows(tenantId, query, buckets);
    const series = await this.toSeries(rows, buckets, query);
    return { granularity: query.granularity, tenantId, by: query.by, buckets: buckets.map(toDate), series };
  }

  private async tenantPathInScope(actor: Actor, tenantId: string): Promise<string> {
    const [tenant] = (await this.dataSource.query(
      'SELECT path FROM tenants WHERE id = $1 AND deleted_at IS NULL',
      [tenantId],
    )) as Array<{ path: string }>;
    if (!tenant || !actor.scope.includesTenantPath(tenant.path)) throw new NotFoundError('tenant');
    return tenant.path;
  }

  private async assertAccountUnder(tenantPath: string, accountId: string): Promise<void> {
    const [account] = (await this.dataSource.query(
      `SELECT 1 FROM accounts account JOIN tenants tenant ON tenant.id = account.tenant_id
        WHERE account.id = $1 AND account.deleted_at IS NULL AND tenant.path LIKE $2`,
      [accountId, `${tenantPath}%`],
    )) as unknown[];
    if (!account) throw new NotFoundError('account');
  }

  private async bucketRows(tenantId: string, query: SeriesQuery, buckets: number[]): Promise<BucketRow[]> {
    const table = query.granularity === 'hour' ? 'cdr_hourly_aggregates' : 'cdr_daily_aggregates';
    const bound = (ms: number) =>
      query.granularity === 'hour' ? new Date(ms) : toDate(ms).toISOString().slice(0, 10);
    const step = query.granularity === 'hour' ? HOUR_MS : DAY_MS;
    const key = query.by === 'none' ? 'NULL::text' : GROUP_COLUMNS[query.by];
    return (await this.dataSource.query(
      `SELECT (extract(epoch FROM bucket) * 1000)::bigint::text AS bucket, currency, ${key} AS key,
              sum(calls)::int AS calls, sum(answered_calls)::int AS answered,
              sum(incomplete_calls)::int AS incomplete, sum(billed_seconds)::text AS billed,
              sum(revenue)::text AS revenue, sum(cost)::text AS cost, sum(margin)::text AS margin
         FROM ${table}
        WHERE tenant_id = $1 AND bucket >= $2 AND bucket < $3 AND ($4::uuid IS NULL OR account_id = $4)
        GROUP BY 1, 2, 3`,
      [tenantId, bound(buckets[0]!), bound(buckets[buckets.length - 1]! + step), query.accountId ?? null],
    )) as BucketRow[];
  }

  /** One series per currency (and group), dense: a bucket without calls holds zeros. */
  private async toSeries(rows: BucketRow[], buckets: number[], query: SeriesQuery): Promise<Series[]> {
    const index = new Map(buckets.map((bucket, position) => [bucket, position]));
    const totals = new Map<string | null, number>();
    for (const row of rows) totals.set(row.key, (totals.get(row.key) ?? 0) + row.calls);
    const kept = new Set(
      [...totals.entries()]
        .sort(([a, callsA], [b, callsB]) => callsB - callsA || String(a).localeCompare(String(b)))
        .slice(0, query.by === 'none' ? undefined : query.limit)
        .map(([key]) => key),
    );
    const names = await this.groupNames(query.by, [...kept]);
    const series = new Map<string, Series>();
    for (const row of rows) {
      if (!kept.has(row.key)) continue;
      const id = `${row.currency}\n${row.key}`;
      let entry = series.get(id);
      if (!entry) {
        entry = emptySeries(row.currency, buckets.length);
        if (query.by !== 'none') entry.group = { id: row.key, name: names.get(row.key) ?? row.key };
        series.set(id, entry);
      }
      const at = index.get(Number(row.bucket))!;
      entry.calls[at] = row.calls;
      entry.answeredCalls[at] = row.answered;
      entry.incompleteCalls[at] = row.incomplete;
      // The only rounding here: billed seconds shown as minutes to the hundredth.
      entry.minutes[at] = new Decimal(row.billed).div(60).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed();
      entry.revenue[at] = new Decimal(row.revenue).toFixed();
      entry.cost[at] = new Decimal(row.cost).toFixed();
      entry.margin[at] = new Decimal(row.margin).toFixed();
    }
    return [...series.values()].sort(
      (a, b) => a.currency.localeCompare(b.currency) || sum(b.calls) - sum(a.calls),
    );
  }

  private async groupNames(
    by: SeriesGrouping,
    keys: Array<string | null>,
  ): Promise<Map<string | null, string>> {
    if (by === 'none' || by === 'destination') return new Map();
    const ids = keys.filter((key): key is string => key !== null);
    const rows = (await this.dataSource.query(GROUP_NAMES[by], [ids])) as Array<{ id: string; name: string }>;
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}

/** Bucket starts (epoch ms, UTC) from `from` floored to `to` rounded up, at most MAX_BUCKETS of them. */
function bucketStarts(query: SeriesQuery): number[] {
  const step = query.granularity === 'hour' ? HOUR_MS : DAY_MS;
  const to = query.to?.getTime() ?? Date.now();
  const from = query.from?.getTime() ?? to - DEFAULT_SPAN[query.granularity];
  const first = Math.floor(from / step) * step;
  const end = Math.ceil(to / step) * step;
  const count = (end - first) / step;
  if (count > MAX_BUCKETS[query.granularity])
    throw new BadRequestError(
      `at most ${MAX_BUCKETS[query.granularity]} ${query.granularity}s at a time: narrow from/to or use days`,
      'from',
    );
  return Array.from({ length: Math.max(count, 1) }, (_, position) => first + position * step);
}

function emptySeries(currency: string, length: number): Series {
  const zeros = () => Array.from({ length }, () => 0);
  const zeroTexts = () => Array.from({ length }, () => '0');
  return {
    currency,
    group: null,
    calls: zeros(),
    answeredCalls: zeros(),
    incompleteCalls: zeros(),
    minutes: zeroTexts(),
    revenue: zeroTexts(),
    cost: zeroTexts(),
    margin: zeroTexts(),
  };
}

function toDate(ms: number): Date {
  return new Date(ms);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
