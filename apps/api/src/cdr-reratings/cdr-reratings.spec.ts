import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CreditPools } from '@tollgate/credit-pools';
import { UserRole } from '@tollgate/db';
import { freePort, startServiceProcess, type ServiceProcess } from '@tollgate/observability/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDecision } from '../rating-api/dto/rating-api.dto';
import { CatalogChanges } from '../rating-catalog/catalog-changes';
import { RatingCatalog } from '../rating-catalog/rating-catalog';
import { ApiTestKit, TEST_RATING_TOKEN } from '../testing/api-test-kit';

const workerEntryPoint = join(__dirname, '..', '..', '..', 'cdr-worker', 'dist', 'main.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Rerating {
  id: string;
  status: string;
  cdrsTotal: number | null;
  cdrsProcessed: number;
  cdrsChanged: number;
  cdrsNowRated: number;
  entriesPosted: number;
  percent: number;
  errorCount: number;
}

/**
 * Rerating on the real servers: the API records and queues it, the built cdr-worker (its own process)
 * reprices the CDRs and posts the differences to the ledger. Owner → reseller R1 → reseller R2 → the
 * customer; the vendor's cost is on the CDR only.
 */
describe('CDR rerating: POST /cdr-reratings → queue → cdr-worker → CDRs and ledger', () => {
  const prefix = `rerate-test-${randomUUID()}`;
  let kit: ApiTestKit;
  let worker: ServiceProcess;
  let admin = '';
  const tokens = { r1: '', r2: '', other: '' };
  const ids = { owner: '', r1: '', r2: '', other: '', account: '', otherAccount: '', vendor: '' };
  const cards = { retail: '', r1Buy: '', r2Buy: '', vendorBuy: '' };
  const rates = { retail: '', r2Buy: '', vendor: '' };

  const created = async (url: string, body: object, token = admin) => {
    const response = await kit.request('POST', url, { token, body });
    if (response.status !== 201)
      throw new Error(`${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return (response.body as { id: string }).id;
  };
  const addRate = (card: string, prefix: string, pricePerMinute: string, interval: number) =>
    created(`/rate-cards/${card}/rates`, {
      prefix,
      destination: `Prefix ${prefix}`,
      pricePerMinute,
      firstInterval: interval,
      nextInterval: interval,
      roundingMode: 'half_up',
      roundingDecimals: 4,
      effectiveFrom: '2020-01-01T00:00:00.000Z',
    });
  const newCard = (name: string, kind: 'sell' | 'buy', tenantId: string) =>
    created('/rate-cards', { name, kind, currency: 'EUR', tenantId });
  const setPrice = async (card: string, rate: string, pricePerMinute: string) => {
    const response = await kit.request('PATCH', `/rate-cards/${card}/rates/${rate}`, {
      token: admin,
      body: { pricePerMinute },
    });
    expect(response.status).toBe(200);
  };
  const query = <T = Record<string, unknown>>(sql: string, parameters: unknown[] = []) =>
    kit.dataSource.query(sql, parameters) as Promise<T[]>;
  const rating = <T>(path: string, body: object) =>
    kit.request<T>('POST', `/rating/${path}`, { token: TEST_RATING_TOKEN, body, ip: '127.0.0.1' });

  const ingest = async (cdrs: object[]) => {
    const response = await kit.app.inject({
      method: 'POST',
      url: '/cdrs/ingest',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-ndjson' },
      payload: cdrs.map((cdr) => JSON.stringify(cdr)).join('\n'),
    });
    expect(response.statusCode).toBe(202);
  };
  const restCdr = (destination: string, seconds: number, accountId = ids.account) => ({
    callId: `${randomUUID()}@switch`,
    accountId,
    direction: 'outbound',
    destination,
    startedAt: new Date(callTime).toISOString(),
    answeredAt: new Date(callTime + 5_000).toISOString(),
    endedAt: new Date(callTime + 5_000 + seconds * 1000).toISOString(),
    durationSeconds: seconds,
    disposition: 'answered',
    vendorId: ids.vendor,
  });

  async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
      await sleep(50);
    }
  }
  const cdrOf = (callId: string) =>
    waitFor(
      () => query(`SELECT * FROM cdrs WHERE call_id = $1`, [callId]),
      (rows) => rows.length === 1,
      `CDR ${callId}`,
    ).then((rows) => rows[0]!);
  const ledgerOf = (callId: string) =>
    query<{ party: string; amount: string; kind: string; key: string; description: string }>(
      `SELECT coalesce(account_id, reseller_tenant_id)::text AS party, amount::text, kind::text,
              idempotency_key AS key, description
         FROM ledger_entries WHERE reference = $1 ORDER BY created_at, idempotency_key`,
      [callId],
    );
  const rerate = async (body: object, token = admin) => {
    const response = await kit.request<Rerating>('POST', '/cdr-reratings', { token, body });
    expect(response.status).toBe(202);
    return waitFor(
      async () => (await kit.request<Rerating>('GET', `/cdr-reratings/${response.body.id}`, { token })).body,
      (rerating) => rerating.status === 'completed' || rerating.status === 'failed',
      'the rerating',
    );
  };
  // The switch's calls three days ago, the live call now: one period holds them all.
  const callTime = Date.now() - 3 * 86_400_000;
  const period = {
    from: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    to: new Date(Date.now() + 86_400_000).toISOString(),
  };
  const levelPrices = (cdr: Record<string, unknown>) =>
    (cdr.levels as Array<{ kind: string; partyId: string; price: string | null }>).map((level) => [
      level.partyId,
      level.price,
    ]);

  beforeAll(async () => {
    kit = await ApiTestKit.start({ QUEUE_PREFIX: prefix });
    const { user } = await kit.createTenant('Rerate Owner');
    ids.owner = user.tenantId;
    admin = await kit.login(user.email);
    // The owner sells to R1 at 0.04/min for mobiles (447) only; R1 to R2 at 0.05/min (per second); R2's
    // customer pays 0.06/min in whole minutes; the vendor costs 0.02/min.
    cards.r1Buy = await newCard('R1 buys', 'sell', ids.owner);
    await addRate(cards.r1Buy, '447', '0.04', 1);
    ids.r1 = await created('/resellers', {
      name: 'R1',
      settings: { buyRateCardId: cards.r1Buy, defaultCurrency: 'EUR' },
    });
    cards.r2Buy = await newCard('R2 buys', 'sell', ids.r1);
    rates.r2Buy = await addRate(cards.r2Buy, '44', '0.05', 1);
    ids.r2 = await created('/resellers', {
      name: 'R2',
      parentId: ids.r1,
      settings: { buyRateCardId: cards.r2Buy, defaultCurrency: 'EUR' },
    });
    ids.other = await created('/resellers', { name: 'Other', settings: { defaultCurrency: 'EUR' } });
    cards.vendorBuy = await newCard('Carrier buys', 'buy', ids.owner);
    rates.vendor = await addRate(cards.vendorBuy, '44', '0.02', 1);
    ids.vendor = await created('/vendors', {
      name: 'Carrier',
      currency: 'EUR',
      buyRateCardId: cards.vendorBuy,
    });
    await created(`/vendors/${ids.vendor}/trunks`, { name: 'gw', host: '198.51.100.10', port: 5060 });
    const routing = await created('/routing-plans', { name: 'LCR', strategy: 'lcr' });
    await created(`/routing-plans/${routing}/vendors`, { vendorId: ids.vendor });
    cards.retail = await newCard('Retail', 'sell', ids.r2);
    rates.retail = await addRate(cards.retail, '44', '0.06', 60);
    const plan = await created('/service-plans', {
      name: 'Retail',
      sellRateCardId: cards.retail,
      tenantId: ids.r2,
    });
    ids.account = await created('/accounts', {
      code: 'RR-1',
      name: 'Customer',
      currency: 'EUR',
      servicePlanId: plan,
      tenantId: ids.r2,
    });
    ids.otherAccount = await created('/accounts', { code: 'RR-2', name: 'Elsewhere', tenantId: ids.other });
    await created('/services', {
      accountId: ids.account,
      kind: 'sip_trunk',
      name: 'PBX',
      allowedSourceIps: ['203.0.113.0/24'],
    });
    await kit.request('POST', `/accounts/${ids.account}/top-ups`, {
      token: admin,
      body: { amount: '10', idempotencyKey: 'rerate-top-up' },
    });
    for (const [tenant, key] of [
      [ids.r1, 'r1'],
      [ids.r2, 'r2'],
      [ids.other, 'other'],
    ] as const) {
      const user = await kit.createUser(
        { id: tenant },
        UserRole.Admin,
        `${key}-${randomUUID()}@example.test`,
      );
      tokens[key] = await kit.login(user.email);
    }
    const since = Date.now();
    await kit.app.get(CatalogChanges).announce();
    while (kit.app.get(RatingCatalog).loadedAt.getTime() <= since) await sleep(10);

    const port = await freePort();
    worker = await startServiceProcess(
      workerEntryPoint,
      {
        DATABASE_URL: (kit.dataSource.options as { url: string }).url,
        REDIS_URL: process.env.REDIS_URL,
        CDR_WORKER_PROBE_PORT: String(port),
        QUEUE_PREFIX: prefix,
        CDR_BATCH_WAIT_MS: '10',
        CDR_RERATE_BATCH_SIZE: '2',
        LOG_LEVEL: 'warn',
      },
      `http://127.0.0.1:${port}/health`,
    );
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await kit?.close();
  });

  const calls = { mobile: '', london: '', live: '', inbound: '' };

  it('stores the calls as rated once, a London call unrated at R1 (its card has mobiles only)', async () => {
    const mobile = restCdr('447700900123', 61);
    const london = restCdr('442071234567', 30);
    const inbound = { ...restCdr('442079460000', 50), direction: 'inbound', vendorId: null };
    await ingest([mobile, london, inbound]);
    calls.mobile = mobile.callId;
    calls.london = london.callId;
    calls.inbound = inbound.callId;
    // A live prepaid call too: the customer level priced at the rate authorize matched.
    calls.live = `${randomUUID()}@pbx.test`;
    const decision = await rating<CallDecision>('authorize', {
      callId: calls.live,
      fromTag: 'ft',
      sourceIp: '203.0.113.7',
      destination: '+447700900999',
    });
    expect(decision.body).toMatchObject({ authorized: true });
    await rating('begin', { callId: calls.live, fromTag: 'ft', toTag: 'tt', accountId: ids.account });
    await rating('end', {
      callId: calls.live,
      fromTag: 'ft',
      toTag: 'tt',
      accountId: ids.account,
      durationSeconds: 90,
      sipCode: 200,
    });
    expect(await cdrOf(calls.mobile)).toMatchObject({ rating_status: 'rated', price: '0.12000000' });
    const live = await cdrOf(calls.live);
    expect(live).toMatchObject({ rating_status: 'rated', price: '0.12000000', live_charged: '0.12000000' });
    expect(await cdrOf(calls.london)).toMatchObject({ rating_status: 'unrated', price: '0.06000000' });
    expect((await ledgerOf(calls.london)).map((entry) => entry.party)).toEqual(
      expect.arrayContaining([ids.account, ids.r2]),
    );
    expect(await ledgerOf(calls.london)).toHaveLength(2);
  });

  it('rerates after a correction and posts only the differences, as adjustments that say why', async () => {
    await setPrice(cards.retail, rates.retail, '0.09');
    await setPrice(cards.vendorBuy, rates.vendor, '0.03');
    const done = await rerate({ ...period, accountId: ids.account });
    expect(done).toMatchObject({
      status: 'completed',
      cdrsTotal: 3,
      cdrsProcessed: 3,
      cdrsChanged: 3,
      percent: 100,
      entriesPosted: 3,
      errorCount: 1,
    });
    const mobile = await cdrOf(calls.mobile);
    expect(mobile).toMatchObject({ price: '0.18000000', vendor_cost: '0.03050000', rating_revision: 1 });
    expect(levelPrices(mobile)).toEqual([
      [ids.account, '0.18'],
      [ids.r2, '0.0508'],
      [ids.r1, '0.0407'],
      [ids.vendor, '0.0305'],
    ]);
    expect((mobile.levels as Array<{ margin: string | null }>)[1]!.margin).toBe('0.1292');
    const entries = await ledgerOf(calls.mobile);
    expect(entries.map((entry) => [entry.party, entry.kind, entry.amount])).toEqual(
      expect.arrayContaining([
        [ids.account, 'call_charge', '-0.120000'],
        [ids.r1, 'call_charge', '-0.040700'],
        [ids.r2, 'call_charge', '-0.050800'],
      ]),
    );
    const adjustments = entries.filter((entry) => entry.kind === 'adjustment');
    expect(entries).toHaveLength(4);
    expect(adjustments).toEqual([
      expect.objectContaining({
        party: ids.account,
        amount: '-0.060000',
        key: `cdr-rerate:a:customer:${ids.account}:1:${calls.mobile}`,
      }),
    ]);
    expect(adjustments[0]!.description).toContain(`rerating ${done.id}, CDR ${mobile.id as string}`);
    // An inbound call is not repriced by a rate card (its DID's price applies).
    expect(await cdrOf(calls.inbound)).toMatchObject({ price: '0.06000000', rating_revision: 0 });
    // The live call: priced at the card in force now (0.09, two minutes), not the snapshot (0.06).
    expect(await cdrOf(calls.live)).toMatchObject({ price: '0.18000000', live_charged: '0.12000000' });
    expect((await ledgerOf(calls.live)).map((entry) => entry.amount)).toContain('-0.060000');
  });

  it('posts nothing when run again, or when nothing changed', async () => {
    const before = await query(`SELECT count(*)::int AS n, sum(amount)::text AS total FROM ledger_entries`);
    const again = await rerate({ ...period, accountId: ids.account });
    expect(again).toMatchObject({ status: 'completed', cdrsProcessed: 3, cdrsChanged: 0, entriesPosted: 0 });
    const everything = await rerate(period);
    expect(everything).toMatchObject({ status: 'completed', cdrsChanged: 0, entriesPosted: 0 });
    expect(await query(`SELECT count(*)::int AS n, sum(amount)::text AS total FROM ledger_entries`)).toEqual(
      before,
    );
  });

  it('keeps every balance equal to the sum of its ledger, and the credit pool to the balance', async () => {
    const balances = await query<{ party: string; amount: string; ledger: string }>(
      `SELECT coalesce(b.account_id, b.reseller_tenant_id)::text AS party, b.amount::text AS amount,
              (SELECT coalesce(sum(e.amount), 0)::text FROM ledger_entries e
                WHERE e.account_id IS NOT DISTINCT FROM b.account_id
                  AND e.reseller_tenant_id IS NOT DISTINCT FROM b.reseller_tenant_id) AS ledger
         FROM balances b WHERE coalesce(b.account_id, b.reseller_tenant_id) = ANY($1::uuid[])`,
      [[ids.account, ids.r1, ids.r2]],
    );
    expect(balances).toHaveLength(3);
    for (const balance of balances) expect(balance.amount).toBe(balance.ledger);
    const account = balances.find((balance) => balance.party === ids.account)!;
    // 10 − 0.18 (mobile) − 0.09 (London) − 0.18 (live) − 0.06 (inbound)
    expect(account.amount).toBe('9.490000');
    const pool = await kit.app.get(CreditPools).pool(ids.account);
    expect(pool!.charged.toFixed()).toBe('0');
    expect(pool!.balance.eq(account.amount)).toBe(true);
  });

  it('lets a reseller reprice what it sells, never its own buy price, nor another reseller’s CDRs', async () => {
    // R1 corrects what it charges R2: R2's rerating leaves R2's own level alone; R1's applies it.
    await setPrice(cards.r2Buy, rates.r2Buy, '0.055');
    const byR2 = await rerate({ ...period, accountId: ids.account }, tokens.r2);
    expect(byR2).toMatchObject({ status: 'completed', entriesPosted: 0 });
    expect(levelPrices(await cdrOf(calls.mobile))[1]).toEqual([ids.r2, '0.0508']);
    const byR1 = await rerate(period, tokens.r1);
    expect(byR1).toMatchObject({ status: 'completed', cdrsChanged: 3, entriesPosted: 3 });
    expect(levelPrices(await cdrOf(calls.mobile))[1]).toEqual([ids.r2, '0.0559']);
    expect((await ledgerOf(calls.mobile)).filter((entry) => entry.party === ids.r2).at(-1)).toMatchObject({
      kind: 'adjustment',
      amount: '-0.005100',
    });
    // Another reseller: the account is unknown to it, and so are these reratings; its own rerating of
    // "everything" covers none of these CDRs.
    const refused = await kit.request('POST', '/cdr-reratings', {
      token: tokens.other,
      body: { ...period, accountId: ids.account },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'accountId', reason: 'no such account' }]);
    expect((await kit.request('GET', `/cdr-reratings/${byR1.id}`, { token: tokens.other })).status).toBe(404);
    const listed = await kit.request<{ data: Rerating[] }>('GET', '/cdr-reratings', { token: tokens.other });
    expect(listed.body.data).toEqual([]);
    const theirs = await rerate(period, tokens.other);
    expect(theirs).toMatchObject({ status: 'completed', cdrsTotal: 0, cdrsProcessed: 0 });
    expect((await kit.request('GET', `/cdr-reratings/${byR1.id}`, { token: tokens.r2 })).status).toBe(404);
    expect((await kit.request('GET', `/cdr-reratings/${byR2.id}`, { token: tokens.r1 })).status).toBe(200);
  });

  it('answers 400 with the field for a bad period and an unknown card', async () => {
    const response = await kit.request('POST', '/cdr-reratings', {
      token: admin,
      body: { from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z', rateCardId: randomUUID() },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
    const unknown = await kit.request('POST', '/cdr-reratings', {
      token: tokens.r2,
      body: { ...period, rateCardId: cards.r2Buy },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'rateCardId', reason: 'no such rate card' }]);
  });

  it('rates an unrated CDR when its rate appears, and posts the missing level once', async () => {
    // The owner adds London to R1's buy card: the API announces the change, cdr-worker sweeps.
    await addRate(cards.r1Buy, '4420', '0.04', 1);
    const rated = await waitFor(
      () => cdrOf(calls.london),
      (cdr) => cdr.rating_status === 'rated',
      'the London CDR to be rated',
    );
    expect(rated.unrated_reason).toBeNull();
    expect(levelPrices(rated)[2]).toEqual([ids.r1, '0.02']);
    const r1Entries = async () => (await ledgerOf(calls.london)).filter((entry) => entry.party === ids.r1);
    expect(await r1Entries()).toEqual([
      expect.objectContaining({
        kind: 'call_charge',
        amount: '-0.020000',
        key: `cdr:a:reseller:${ids.r1}:${calls.london}`,
      }),
    ]);
    // Another announcement sweeps again, and the explicit unrated rerating finds nothing to do.
    await kit.app.get(CatalogChanges).announce();
    const explicit = await rerate({ ...period, mode: 'unrated', accountId: ids.account });
    expect(explicit).toMatchObject({ status: 'completed', cdrsTotal: 0, entriesPosted: 0 });
    await sleep(1_500);
    expect(await r1Entries()).toHaveLength(1);
  });
});
