import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { cdrMonth } from '@tollgate/cdr';
import { dataSourceOptions } from '@tollgate/db';
import { createTestDatabase, type TestDatabase } from '@tollgate/db/testing';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CdrAggregator } from './aggregate-cdrs';

type Level = [
  kind: 'customer' | 'reseller' | 'vendor',
  partyId: string,
  price: string | null,
  currency?: string,
];

describe('CDR aggregates: triggers log new CDRs and rerated hours, the aggregator folds them in', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let aggregator: CdrAggregator;
  const ids = { owner: randomUUID(), r1: randomUUID(), r2: randomUUID(), a1: randomUUID(), a0: randomUUID() };
  const vendor = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url, 'aggregate-test')).initialize();
    aggregator = new CdrAggregator(dataSource, pino({ level: 'silent' }), 60_000);
    const tenant = (id: string, kind: string, parent: string | null, path: string) =>
      dataSource.query(`INSERT INTO tenants (id, kind, parent_id, path, name) VALUES ($1, $2, $3, $4, $5)`, [
        id,
        kind,
        parent,
        path,
        `tenant ${id}`,
      ]);
    await tenant(ids.owner, 'owner', null, `/${ids.owner}/`);
    await tenant(ids.r1, 'reseller', ids.owner, `/${ids.owner}/${ids.r1}/`);
    await tenant(ids.r2, 'reseller', ids.r1, `/${ids.owner}/${ids.r1}/${ids.r2}/`);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** A CDR as cdr-worker stores it: `levels` customer first, resellers nearest first, vendor last. */
  async function insertCdr(
    accountId: string,
    tenantId: string,
    startedAt: string,
    levels: Level[],
    options: { disposition?: string; manager?: { query: DataSource['query'] } } = {},
  ): Promise<string> {
    const month = cdrMonth(new Date(startedAt));
    await dataSource.query('SELECT tollgate_ensure_cdr_partition($1::date)', [month]);
    const json = levels.map(([kind, partyId, price, currency]) => ({
      kind,
      partyId,
      tenantPath: null,
      price,
      currency: price === null ? null : (currency ?? 'EUR'),
      billedSeconds: price === null ? null : 60,
      rate: kind === 'customer' ? { prefix: '44', destination: 'United Kingdom' } : null,
      margin: null,
      problem: price === null ? 'no rate' : null,
    }));
    const callId = `${randomUUID()}@aggregate.test`;
    await (options.manager ?? dataSource).query(
      `INSERT INTO cdrs (start_month, call_id, leg, source, tenant_id, account_id, direction, destination,
                         started_at, ended_at, duration_seconds, billed_seconds, disposition, vendor_id,
                         currency, price, rating_status, unrated_reason, levels)
       VALUES ($1, $2, 'a', 'rest', $3, $4, 'outbound', '447700900123', $5, $5::timestamptz + interval '58 seconds',
               58, 60, $6, $7, 'EUR', $8, $9, $10, $11)`,
      [
        month,
        callId,
        tenantId,
        accountId,
        startedAt,
        options.disposition ?? 'answered',
        levels.some(([kind]) => kind === 'vendor') ? vendor : null,
        levels[0]![2],
        levels.every(([, , price]) => price !== null) ? 'rated' : 'unrated',
        levels.every(([, , price]) => price !== null) ? null : 'no rate',
        JSON.stringify(json),
      ],
    );
    return callId;
  }

  const chain = (customer: string, r2: string, r1: string, cost: string | null): Level[] => [
    ['customer', ids.a1, customer],
    ['reseller', ids.r2, r2],
    ['reseller', ids.r1, r1],
    ['vendor', vendor, cost],
  ];

  async function totals(table: string, tenantId: string, bucket: string) {
    const [row] = (await dataSource.query(
      `SELECT sum(calls)::int AS calls, sum(answered_calls)::int AS answered, sum(incomplete_calls)::int AS incomplete,
              sum(billed_seconds)::int AS billed, sum(revenue)::text AS revenue, sum(cost)::text AS cost,
              sum(margin)::text AS margin
         FROM ${table} WHERE tenant_id = $1 AND bucket = $2`,
      [tenantId, bucket],
    )) as Array<Record<string, unknown>>;
    return row;
  }

  let rerated = '';
  it('gives each viewpoint its own sale, cost and margin, hour by hour and day by day', async () => {
    await insertCdr(ids.a1, ids.r2, '2026-11-23T10:15:00Z', chain('0.06', '0.05', '0.04', '0.02'));
    rerated = await insertCdr(ids.a1, ids.r2, '2026-11-23T10:45:00Z', chain('0.12', '0.10', '0.08', '0.04'));
    await insertCdr(ids.a1, ids.r2, '2026-11-23T10:50:00Z', chain('0', '0', '0', null), {
      disposition: 'not-answered',
    });
    await insertCdr(ids.a0, ids.owner, '2026-11-23T11:05:00Z', [
      ['customer', ids.a0, '1.00'],
      ['vendor', vendor, '0.30', 'USD'],
    ]);
    expect(await aggregator.catchUp()).toEqual({ busy: false, cdrs: 4, hours: 0, days: 0 });

    const hour = '2026-11-23T10:00:00Z';
    expect(await totals('cdr_hourly_aggregates', ids.r2, hour)).toEqual({
      calls: 3,
      answered: 2,
      incomplete: 0,
      billed: 180,
      revenue: '0.18000000',
      cost: '0.15000000',
      margin: '0.03000000',
    });
    expect(await totals('cdr_hourly_aggregates', ids.r1, hour)).toMatchObject({
      calls: 3,
      revenue: '0.15000000',
      cost: '0.12000000',
      margin: '0.03000000',
    });
    // The owner sells at R1's buy price and buys from the vendor; the unpriced vendor level is incomplete.
    expect(await totals('cdr_hourly_aggregates', ids.owner, hour)).toMatchObject({
      calls: 3,
      incomplete: 1,
      revenue: '0.12000000',
      cost: '0.06000000',
      margin: '0.06000000',
    });
    // A USD vendor cost is not added to EUR sales: the call counts as incomplete, its revenue counts.
    expect(await totals('cdr_daily_aggregates', ids.owner, '2026-11-23')).toMatchObject({
      calls: 4,
      incomplete: 2,
      revenue: '1.12000000',
      cost: '0.06000000',
      margin: '0.06000000',
    });
    const [vendorRow] = (await dataSource.query(
      `SELECT count(*) FILTER (WHERE vendor_id IS NOT NULL)::int AS "withVendor",
              count(*) FILTER (WHERE vendor_id IS NOT NULL AND tenant_id <> $1)::int AS "resellersWithVendor",
              count(DISTINCT via_tenant_id) FILTER (WHERE tenant_id = $1)::int AS "viaOfOwner"
         FROM cdr_hourly_aggregates`,
      [ids.owner],
    )) as Array<Record<string, number>>;
    expect(vendorRow).toEqual({ withVendor: 2, resellersWithVendor: 0, viaOfOwner: 1 });
  });

  it('follows a rerate (an UPDATE of the CDR in place) and changes nothing when run again', async () => {
    await dataSource.query(`UPDATE cdrs SET levels = $2, price = '0.24' WHERE call_id = $1`, [
      rerated,
      JSON.stringify(
        chain('0.24', '0.10', '0.08', '0.04').map(([kind, partyId, price]) => ({
          kind,
          partyId,
          price,
          currency: 'EUR',
          billedSeconds: 60,
          rate: kind === 'customer' ? { destination: 'United Kingdom' } : null,
        })),
      ),
    ]);
    expect(await aggregator.catchUp()).toEqual({ busy: false, cdrs: 0, hours: 1, days: 1 });
    expect(await totals('cdr_hourly_aggregates', ids.r2, '2026-11-23T10:00:00Z')).toMatchObject({
      revenue: '0.30000000',
      margin: '0.15000000',
    });
    expect(await totals('cdr_daily_aggregates', ids.r2, '2026-11-23')).toMatchObject({
      revenue: '0.30000000',
    });
    expect(await aggregator.catchUp()).toEqual({ busy: false, cdrs: 0, hours: 0, days: 0 });
    expect(await totals('cdr_daily_aggregates', ids.r2, '2026-11-23')).toMatchObject({
      revenue: '0.30000000',
    });

    // A new CDR of the same hour is added onto the recomputed rows, in the hour and in the day.
    await insertCdr(ids.a1, ids.r2, '2026-11-23T10:20:00Z', chain('0.06', '0.05', '0.04', '0.02'));
    expect(await aggregator.catchUp()).toEqual({ busy: false, cdrs: 1, hours: 0, days: 0 });
    expect(await totals('cdr_hourly_aggregates', ids.r2, '2026-11-23T10:00:00Z')).toMatchObject({
      calls: 4,
      revenue: '0.36000000',
      cost: '0.20000000',
    });
    expect(await totals('cdr_daily_aggregates', ids.owner, '2026-11-23')).toMatchObject({
      calls: 5,
      revenue: '1.16000000',
      cost: '0.08000000',
    });
  });

  it('leaves the hours of a transaction not yet committed to the next round', async () => {
    const writer = dataSource.createQueryRunner();
    await writer.connect();
    try {
      await writer.startTransaction();
      await insertCdr(ids.a1, ids.r2, '2026-11-24T08:00:00Z', chain('0.50', '0.40', '0.30', '0.20'), {
        manager: writer,
      });
      expect(await aggregator.catchUp()).toEqual({ busy: false, cdrs: 0, hours: 0, days: 0 });
      await writer.commitTransaction();
    } finally {
      await writer.release();
    }
    expect(await aggregator.catchUp()).toEqual({ busy: false, cdrs: 1, hours: 0, days: 0 });
    expect(await totals('cdr_daily_aggregates', ids.r2, '2026-11-24')).toMatchObject({
      revenue: '0.50000000',
    });
  });

  it('counts a level missing from its place (an inbound call has the customer level only) as incomplete', async () => {
    const callId = await insertCdr(ids.a1, ids.r2, '2026-11-26T08:00:00Z', [['customer', ids.a1, '0.40']]);
    await dataSource.query(`UPDATE cdrs SET direction = 'inbound', vendor_id = NULL WHERE call_id = $1`, [
      callId,
    ]);
    expect(await aggregator.catchUp()).toEqual({ busy: false, cdrs: 0, hours: 1, days: 1 });
    const day = '2026-11-26';
    expect(await totals('cdr_daily_aggregates', ids.r2, day)).toMatchObject({
      calls: 1,
      incomplete: 1,
      revenue: '0.40000000',
      cost: '0.00000000',
      margin: '0.00000000',
    });
    for (const tenant of [ids.r1, ids.owner])
      expect(await totals('cdr_daily_aggregates', tenant, day)).toMatchObject({
        calls: 1,
        incomplete: 1,
        revenue: '0.00000000',
      });
  });

  it('lets one aggregator run at a time', async () => {
    await insertCdr(ids.a1, ids.r2, '2026-11-25T08:00:00Z', chain('0.50', '0.40', '0.30', '0.20'));
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      await holder.query('SELECT pg_advisory_xact_lock(7261726001)');
      expect(await aggregator.catchUp()).toEqual({ busy: true, cdrs: 0, hours: 0, days: 0 });
      await holder.commitTransaction();
    } finally {
      await holder.release();
    }
    expect(await aggregator.catchUp()).toEqual({ busy: false, cdrs: 1, hours: 0, days: 0 });
  });
});
