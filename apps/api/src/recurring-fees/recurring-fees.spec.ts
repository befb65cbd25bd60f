import { RateCard, RateCardKind, RecurringPeriod, ServicePlan, type Tenant } from '@tollgate/db';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';
import { PostRecurringFeesJob } from './post-recurring-fees.job';

interface LedgerLine {
  kind: string;
  amount: string;
  description: string;
  reference: string;
}

describe('recurring service-plan fees', () => {
  let kit: ApiTestKit;
  const tenants = {} as Record<'owner' | 'a' | 'b', Tenant>;
  const tokens = { owner: '', a: '', b: '' };
  let counter = 0;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const owner = await kit.createTenant('Fees Owner');
    const a = await kit.createTenant('Fees Reseller A', owner.tenant);
    const b = await kit.createTenant('Fees Reseller B', owner.tenant);
    tenants.owner = owner.tenant;
    tenants.a = a.tenant;
    tenants.b = b.tenant;
    tokens.owner = await kit.login(owner.user.email);
    tokens.a = await kit.login(a.user.email);
    tokens.b = await kit.login(b.user.email);
  });
  afterAll(async () => kit?.close());

  const job = () => kit.app.get(PostRecurringFeesJob);
  /** Runs the job as of `now`, twice at once and once more: replays and concurrent runs post once. */
  const runRepeatedly = async (now: string) => {
    const at = new Date(now);
    const concurrent = await Promise.all([job().run(at), job().run(at)]);
    const again = await job().run(at);
    expect(again).toEqual({ posted: 0, failed: 0 });
    return concurrent.reduce((sum, run) => sum + run.posted, 0);
  };

  const plan = async (tenant: Tenant, recurringFee: string, recurringPeriod = RecurringPeriod.Monthly) => {
    const card = await kit.dataSource
      .getRepository(RateCard)
      .save({ tenantId: tenant.id, name: `Card ${++counter}`, kind: RateCardKind.Sell, currency: 'EUR' });
    return kit.dataSource.getRepository(ServicePlan).save({
      tenantId: tenant.id,
      name: `Plan ${++counter}`,
      sellRateCardId: card.id,
      recurringFee: new Decimal(recurringFee),
      recurringPeriod,
      currency: 'EUR',
    });
  };

  /** An account on `planId`, dated as if created at `since` (the API stamps the present). */
  const subscriber = async (token: string, planId: string, since: string, extra: object = {}) => {
    const code = `FEE-${++counter}`;
    const created = await kit.request('POST', '/accounts', {
      token,
      body: { code, name: code, currency: 'EUR', billingType: 'prepaid', ...extra },
    });
    expect(created.status).toBe(201);
    await kit.dataSource.query(`UPDATE accounts SET service_plan_id = $2, created_at = $3 WHERE id = $1`, [
      created.body.id,
      planId,
      since,
    ]);
    return created.body.id as string;
  };

  const fees = async (accountId: string, token = tokens.owner) => {
    const response = await kit.request<{ data: LedgerLine[] }>(
      'GET',
      `/accounts/${accountId}/ledger?kind=recurring_fee&limit=200`,
      { token },
    );
    expect(response.status).toBe(200);
    return response.body.data
      .map((line) => [line.description.replace(/^.*?, /, ''), new Decimal(line.amount).toFixed()])
      .sort();
  };

  it('charges the rest of the first month pro rata by day, then each month in full, once however often it runs', async () => {
    const monthly = await plan(tenants.owner, '9.00');
    const account = await subscriber(tokens.owner, monthly.id, '2026-11-13T10:00:00Z');
    expect(await runRepeatedly('2026-11-13T11:00:00Z')).toBe(1);
    // 9.00 × 18 of 30 days (13 to 30 November).
    expect(await fees(account)).toEqual([['2026-11, 18 of 30 days', '-5.4']]);
    expect(await runRepeatedly('2026-12-01T00:30:00Z')).toBe(1);
    expect(await fees(account)).toEqual([
      ['2026-11, 18 of 30 days', '-5.4'],
      ['2026-12', '-9'],
    ]);
    const balance = await kit.request('GET', `/accounts/${account}/balance`, { token: tokens.owner });
    expect(balance.body.amount).toBe('-14.4');
  });

  it("reads the periods in the account's time zone", async () => {
    const weekly = await plan(tenants.owner, '7.00', RecurringPeriod.Weekly);
    // Created at 23:30 UTC on Sunday 29 November: already Monday 30 November in Berlin, a whole week.
    const berlin = await subscriber(tokens.owner, weekly.id, '2026-11-29T23:30:00Z', {
      timezone: 'Europe/Berlin',
    });
    const utc = await subscriber(tokens.owner, weekly.id, '2026-11-29T23:30:00Z');
    await runRepeatedly('2026-11-30T06:00:00Z');
    expect(await fees(berlin)).toEqual([['2026-11-30', '-7']]);
    expect(await fees(utc)).toEqual([
      ['2026-11-23, 1 of 7 days', '-1'],
      ['2026-11-30', '-7'],
    ]);
  });

  it('charges an account one plan per period: a plan changed mid-period is charged from the next period', async () => {
    const cheap = await plan(tenants.owner, '5.00');
    const dear = await plan(tenants.owner, '20.00');
    const account = await subscriber(tokens.owner, cheap.id, '2026-09-01T00:00:00Z');
    await runRepeatedly('2026-10-01T01:00:00Z');
    await kit.dataSource.query(`UPDATE accounts SET service_plan_id = $2 WHERE id = $1`, [account, dear.id]);
    await runRepeatedly('2026-10-15T00:00:00Z');
    await runRepeatedly('2026-11-01T01:00:00Z');
    expect(await fees(account)).toEqual([
      ['2026-09', '-5'],
      ['2026-10', '-5'],
      ['2026-11', '-20'],
    ]);
  });

  it('charges neither a closed account nor a free plan', async () => {
    const paid = await plan(tenants.owner, '4.00');
    const free = await plan(tenants.owner, '0');
    const closed = await subscriber(tokens.owner, paid.id, '2026-01-01T00:00:00Z', {});
    await kit.dataSource.query(`UPDATE accounts SET status = 'closed' WHERE id = $1`, [closed]);
    const onFree = await subscriber(tokens.owner, free.id, '2026-01-01T00:00:00Z');
    await runRepeatedly('2026-12-02T00:00:00Z');
    expect(await fees(closed)).toEqual([]);
    expect(await fees(onFree)).toEqual([]);
  });

  it("posts a reseller's plan fee to its customer's ledger, which no other reseller can read", async () => {
    const resellerPlan = await plan(tenants.a, '3.00');
    const account = await subscriber(tokens.a, resellerPlan.id, '2026-06-01T00:00:00Z');
    await runRepeatedly('2026-12-03T00:00:00Z');
    expect(await fees(account, tokens.a)).toEqual([['2026-12', '-3']]);
    const [entry] = (await kit.dataSource.query(
      `SELECT tenant_id AS "tenantId", reference FROM ledger_entries WHERE account_id = $1`,
      [account],
    )) as Array<{ tenantId: string; reference: string }>;
    expect(entry).toEqual({ tenantId: tenants.a.id, reference: `service-plan:${resellerPlan.id}` });
    const foreign = await kit.request('GET', `/accounts/${account}/ledger`, { token: tokens.b });
    expect(foreign.status).toBe(404);
  });
});
