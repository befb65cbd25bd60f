import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { RatedLevel } from '@tollgate/cdr';
import { Account, DEMO_OPERATOR, seedDemoOperator, UserRole, Vendor } from '@tollgate/db';
import { freePort, startServiceProcess, type ServiceProcess } from '@tollgate/observability/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestCdr } from '../cdrs/cdr-test-fixtures';
import { ApiTestKit } from '../testing/api-test-kit';
import type { DashboardSeries } from './dashboard-series.service';

const workerEntryPoint = join(__dirname, '..', '..', '..', 'cdr-worker', 'dist', 'main.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The series read the aggregates the real cdr-worker keeps (its own process, aggregating every 50 ms):
 * CDRs are written, and rerated, with SQL as the worker and the rerating would.
 */
describe('dashboard time series', () => {
  let kit: ApiTestKit;
  let worker: ServiceProcess;
  const tokens = { owner: '', reseller: '', endUser: '', otherOwner: '' };
  const ids = { owner: '', reseller: '', ownersAccount: '', resellersAccount: '', vendor: '' };
  let rerated = '';

  const level = (kind: RatedLevel['kind'], partyId: string, price: string): RatedLevel => ({
    kind,
    partyId,
    tenantPath: null,
    price,
    currency: 'EUR',
    billedSeconds: 90,
    rate:
      kind === 'customer' ? ({ prefix: '44', destination: 'United Kingdom' } as RatedLevel['rate']) : null,
    margin: null,
    problem: null,
  });
  const resellerCall = (customer: string, reseller: string, vendor: string) => [
    level('customer', ids.resellersAccount, customer),
    level('reseller', ids.reseller, reseller),
    level('vendor', ids.vendor, vendor),
  ];

  async function aggregated(): Promise<void> {
    for (let i = 0; i < 400; i++) {
      const [{ dirty }] = (await kit.dataSource.query(
        `SELECT (SELECT count(*) FROM cdr_aggregate_dirty_hours)::int
              + (SELECT count(*) FROM cdr_aggregate_new_cdrs)::int AS dirty`,
      )) as [{ dirty: number }];
      if (dirty === 0) return;
      await sleep(25);
    }
    throw new Error('the aggregates did not catch up');
  }

  const series = (token: string, query: string) =>
    kit.request<DashboardSeries>('GET', `/dashboard/series?${query}`, { token });
  const days = 'from=2026-11-23T00:00:00Z&to=2026-11-25T00:00:00Z';

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    await seedDemoOperator(kit.dataSource);
    tokens.owner = await kit.login(DEMO_OPERATOR.ownerEmail, DEMO_OPERATOR.ownerPassword);
    tokens.reseller = await kit.login(DEMO_OPERATOR.resellerEmail, DEMO_OPERATOR.ownerPassword);
    const accounts = kit.dataSource.getRepository(Account);
    const ownersAccount = await accounts.findOneByOrFail({ code: 'DT-1001' });
    const resellersAccount = await accounts.findOneByOrFail({ code: 'DR-2001' });
    Object.assign(ids, {
      owner: ownersAccount.tenantId,
      reseller: resellersAccount.tenantId,
      ownersAccount: ownersAccount.id,
      resellersAccount: resellersAccount.id,
      vendor: (
        await kit.dataSource.getRepository(Vendor).findOneByOrFail({ tenantId: ownersAccount.tenantId })
      ).id,
    });
    const endUser = await kit.createUser(
      { id: ownersAccount.tenantId },
      UserRole.Admin,
      `series-end-user-${randomUUID()}@example.test`,
      ownersAccount.id,
    );
    tokens.endUser = await kit.login(endUser.email);
    tokens.otherOwner = await kit.login((await kit.createTenant('Other Operator')).user.email);

    const port = await freePort();
    worker = await startServiceProcess(
      workerEntryPoint,
      {
        DATABASE_URL: (kit.dataSource.options as { url: string }).url,
        REDIS_URL: process.env.REDIS_URL,
        CDR_WORKER_PROBE_PORT: String(port),
        QUEUE_PREFIX: `series-test-${randomUUID()}`,
        CDR_AGGREGATE_INTERVAL_MS: '50',
        LOG_LEVEL: 'warn',
      },
      `http://127.0.0.1:${port}/health`,
    );

    await insertTestCdr(kit.dataSource, {
      tenantId: ids.owner,
      accountId: ids.ownersAccount,
      startedAt: new Date('2026-11-23T10:15:00Z'),
      vendorId: ids.vendor,
      price: '0.10',
      levels: [level('customer', ids.ownersAccount, '0.10'), level('vendor', ids.vendor, '0.04')],
    });
    rerated = `${randomUUID()}@series.test`;
    await insertTestCdr(kit.dataSource, {
      tenantId: ids.reseller,
      accountId: ids.resellersAccount,
      callId: rerated,
      startedAt: new Date('2026-11-23T11:20:00Z'),
      vendorId: ids.vendor,
      price: '0.30',
      levels: resellerCall('0.30', '0.20', '0.05'),
    });
    await insertTestCdr(kit.dataSource, {
      tenantId: ids.reseller,
      accountId: ids.resellersAccount,
      startedAt: new Date('2026-11-24T09:00:00Z'),
      vendorId: ids.vendor,
      price: '0.60',
      levels: resellerCall('0.60', '0.40', '0.10'),
    });
    await aggregated();
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await kit?.close();
  });

  it("gives the owner its own sales (its reseller's buy price) and its vendors' cost, per day", async () => {
    const response = await series(tokens.owner, days);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toEqual({
      granularity: 'day',
      tenantId: ids.owner,
      by: 'none',
      buckets: ['2026-11-23T00:00:00.000Z', '2026-11-24T00:00:00.000Z'],
      series: [
        {
          currency: 'EUR',
          group: null,
          calls: [2, 1],
          answeredCalls: [2, 1],
          incompleteCalls: [0, 0],
          minutes: ['3', '1.5'],
          revenue: ['0.3', '0.4'],
          cost: ['0.09', '0.1'],
          margin: ['0.21', '0.3'],
        },
      ],
    });
  });

  it('gives a reseller its customers’ price and its own buy price, never the vendor’s cost', async () => {
    const response = await series(tokens.reseller, days);
    expect(response.status).toBe(200);
    expect(response.body.tenantId).toBe(ids.reseller);
    expect(response.body.series).toEqual([
      expect.objectContaining({
        calls: [1, 1],
        revenue: ['0.3', '0.6'],
        cost: ['0.2', '0.4'],
        margin: ['0.1', '0.2'],
      }),
    ]);
    // The owner may look at its reseller's figures, as the reseller sees them.
    const asOwner = await series(tokens.owner, `${days}&tenantId=${ids.reseller}`);
    expect(asOwner.body.series).toEqual(response.body.series);
  });

  it('splits by hour, by account, by reseller and (for the owner) by vendor', async () => {
    const hours = await series(
      tokens.owner,
      'from=2026-11-23T10:30:00Z&to=2026-11-23T11:10:00Z&granularity=hour',
    );
    expect(hours.body.buckets).toEqual(['2026-11-23T10:00:00.000Z', '2026-11-23T11:00:00.000Z']);
    expect(hours.body.series[0]).toMatchObject({ calls: [1, 1], revenue: ['0.1', '0.2'] });

    const byAccount = await series(tokens.owner, `${days}&by=account`);
    expect(byAccount.body.series.map((s) => [s.group, s.calls])).toEqual([
      [{ id: ids.resellersAccount, name: expect.any(String) }, [1, 1]],
      [{ id: ids.ownersAccount, name: 'Kiez Café Berlin' }, [1, 0]],
    ]);
    const byReseller = await series(tokens.owner, `${days}&by=reseller&limit=1`);
    expect(byReseller.body.series.map((s) => [s.group?.id, s.revenue])).toEqual([
      [ids.reseller, ['0.2', '0.4']],
    ]);
    const byVendor = await series(tokens.owner, `${days}&by=vendor`);
    expect(byVendor.body.series.map((s) => [s.group?.id, s.cost])).toEqual([[ids.vendor, ['0.09', '0.1']]]);
    const byDestination = await series(tokens.reseller, `${days}&by=destination`);
    expect(byDestination.body.series.map((s) => s.group)).toEqual([
      { id: 'United Kingdom', name: 'United Kingdom' },
    ]);
  });

  it('follows a rerate: each level sees its own price change', async () => {
    await kit.dataSource.query(`UPDATE cdrs SET price = '0.45', levels = $2 WHERE call_id = $1`, [
      rerated,
      JSON.stringify(resellerCall('0.45', '0.25', '0.05')),
    ]);
    await aggregated();
    expect((await series(tokens.reseller, days)).body.series[0]).toMatchObject({
      revenue: ['0.45', '0.6'],
      cost: ['0.25', '0.4'],
      margin: ['0.2', '0.2'],
    });
    expect((await series(tokens.owner, days)).body.series[0]).toMatchObject({
      revenue: ['0.35', '0.4'],
      cost: ['0.09', '0.1'],
    });
  });

  it('keeps every tenant to its own subtree', async () => {
    expect((await series(tokens.reseller, `${days}&tenantId=${ids.owner}`)).status).toBe(404);
    expect((await series(tokens.reseller, `${days}&accountId=${ids.ownersAccount}`)).status).toBe(404);
    expect((await series(tokens.reseller, `${days}&by=vendor`)).status).toBe(400);
    expect((await series(tokens.endUser, days)).status).toBe(403);
    expect((await series(tokens.otherOwner, `${days}&tenantId=${ids.reseller}`)).status).toBe(404);
    expect((await series(tokens.otherOwner, `${days}&accountId=${ids.resellersAccount}`)).status).toBe(404);
    const own = await series(tokens.otherOwner, days);
    expect(own.status).toBe(200);
    expect(own.body.series).toEqual([]);
    // An account of the owner's reseller narrows the owner's own figures to it.
    const ofAccount = await series(tokens.owner, `${days}&accountId=${ids.resellersAccount}`);
    expect(ofAccount.body.series[0]).toMatchObject({ calls: [1, 1] });
  });

  it('answers 400 with the field for bad input', async () => {
    const bad = async (query: string) => {
      const response = await series(tokens.owner, query);
      expect(response.status).toBe(400);
      return JSON.stringify(response.body);
    };
    expect(await bad('granularity=week')).toContain('granularity');
    expect(await bad('from=yesterday')).toContain('from');
    expect(await bad('from=2026-11-25T00:00:00Z&to=2026-11-23T00:00:00Z')).toContain('to');
    expect(await bad('from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z&granularity=hour')).toContain('from');
    expect(await bad('by=line')).toContain('by');
  });
});
