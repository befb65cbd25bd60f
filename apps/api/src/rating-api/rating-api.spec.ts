import { randomUUID } from 'node:crypto';
import { Did, DidRouteKind, DidStatus } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditPools } from '@tollgate/credit-pools';
import { CatalogChanges } from '../rating-catalog/catalog-changes';
import { RatingCatalog } from '../rating-catalog/rating-catalog';
import { ApiTestKit, TEST_RATING_TOKEN } from '../testing/api-test-kit';
import type { CallDecision } from './dto/rating-api.dto';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rating API', () => {
  let kit: ApiTestKit;
  let pools: CreditPools;
  let admin = '';
  const ids = {
    prepaid: '',
    empty: '',
    postpaid: '',
    suspended: '',
    cheap: '',
    dear: '',
    aboveSell: '',
    trunk: '',
    alice: '',
    plan: '',
  };

  const created = async (url: string, body: object, token = admin) => {
    const response = await kit.request('POST', url, { token, body });
    if (response.status !== 201)
      throw new Error(`${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string };
  };
  const rate = (prefix: string, pricePerMinute: string) => ({
    prefix,
    destination: `Prefix ${prefix}`,
    pricePerMinute,
    firstInterval: 1,
    nextInterval: 1,
    roundingMode: 'half_up',
    roundingDecimals: 4,
    effectiveFrom: '2020-01-01T00:00:00.000Z',
  });
  const card = async (name: string, kind: 'sell' | 'buy', rates: Array<[string, string]>) => {
    const { id } = await created('/rate-cards', { name, kind, currency: 'EUR' });
    for (const [prefix, price] of rates) await created(`/rate-cards/${id}/rates`, rate(prefix, price));
    return id;
  };
  const vendor = async (name: string, price: string, host: string, options: object = {}) => {
    const buy = await card(`${name} buys`, 'buy', [['44', price]]);
    const { id } = await created('/vendors', { name, currency: 'EUR', buyRateCardId: buy });
    await created(`/vendors/${id}/trunks`, { name: 'gw', host, port: 5070, ...options });
    return id;
  };
  const post = <T>(path: string, body: object, ip = '127.0.0.1', token = TEST_RATING_TOKEN) =>
    kit.request<T>('POST', `/rating/${path}`, { token, body, ip });
  const call = (overrides: object = {}) => ({
    callId: `${randomUUID()}@pbx.test`,
    fromTag: 'ft-1',
    sourceIp: '192.0.2.10',
    destination: '+447700900123',
    authUser: 'alice',
    authDomain: 'sip.rating.test',
    ...overrides,
  });
  const authorize = async (overrides: object = {}) => {
    const body = call(overrides);
    const response = await post<CallDecision>('authorize', body);
    expect(response.status).toBe(200);
    return { ...response.body, request: body };
  };
  const catalogReflects = async () => {
    const since = Date.now();
    await kit.app.get(CatalogChanges).announce();
    const catalog = kit.app.get(RatingCatalog);
    while (catalog.loadedAt.getTime() <= since) await sleep(10);
  };

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    pools = kit.app.get(CreditPools);
    const { user } = await kit.createTenant('Rating Owner');
    admin = await kit.login(user.email);
    const retail = await card('Retail', 'sell', [
      ['44', '0.06'],
      ['4990', '0.50'],
    ]);
    ids.cheap = await vendor('Cheap', '0.02', '198.51.100.10', { stripDigits: 2, addPrefix: '0' });
    ids.dear = await vendor('Dear', '0.03', '198.51.100.20');
    ids.aboveSell = await vendor('Above sell', '0.01', '198.51.100.30');
    // Dearer than the retail price everywhere but on 4420: the margin guard keeps it out elsewhere.
    const lossMaker = await card('Loss buys', 'buy', [['44', '0.09']]);
    await kit.request('PATCH', `/vendors/${ids.aboveSell}`, {
      token: admin,
      body: { buyRateCardId: lossMaker },
    });
    const routing = await created('/routing-plans', { name: 'LCR', strategy: 'lcr' });
    for (const id of [ids.cheap, ids.dear, ids.aboveSell])
      await created(`/routing-plans/${routing.id}/vendors`, { vendorId: id });
    await created(`/routing-plans/${routing.id}/prefixes`, { prefix: '4990', blocked: true });
    const plan = await created('/service-plans', {
      name: 'Business',
      sellRateCardId: retail,
      routingPlanId: routing.id,
    });
    ids.plan = plan.id;
    const account = async (code: string, extra: object = {}) =>
      (await created('/accounts', { code, name: code, currency: 'EUR', servicePlanId: plan.id, ...extra }))
        .id;
    ids.prepaid = await account('PRE-1');
    ids.empty = await account('PRE-0');
    ids.postpaid = await account('POST-1', { billingType: 'postpaid', creditLimit: '100' });
    ids.suspended = await account('SUS-1');
    const domain = await created('/domains', { name: 'sip.rating.test' });
    const line = async (accountId: string, username: string, extra: object = {}) =>
      (await created('/lines', { accountId, domainId: domain.id, username, ...extra })).id;
    ids.alice = await line(ids.prepaid, 'alice', { maxChannels: 1 });
    await line(ids.empty, 'erin');
    await line(ids.postpaid, 'quinn');
    await line(ids.suspended, 'sam');
    ids.trunk = (
      await created('/services', {
        accountId: ids.postpaid,
        kind: 'sip_trunk',
        name: 'Wholesale',
        allowedSourceIps: ['203.0.113.0/24'],
      })
    ).id;
    await kit.request('POST', `/accounts/${ids.prepaid}/top-ups`, {
      token: admin,
      body: { amount: '6', idempotencyKey: 'first' },
    });
    await kit.request('PATCH', `/accounts/${ids.suspended}`, { token: admin, body: { status: 'suspended' } });
    await created('/banned-ips', { cidr: '192.0.2.66/32' });
    const dids = kit.dataSource.getRepository(Did);
    const did = (number: string, extra: Partial<Did>) =>
      dids.save(dids.create({ number, country: 'GB', currency: 'EUR', tenantId: user.tenantId, ...extra }));
    await did('442030000001', {
      status: DidStatus.Assigned,
      accountId: ids.prepaid,
      sellPerMinute: '0.01' as never,
      routeKind: DidRouteKind.Line,
      routeLineId: ids.alice,
    });
    await did('442030000002', { status: DidStatus.Available });
    await catalogReflects();
  });
  afterAll(async () => kit?.close());

  describe('authorize', () => {
    it('authorizes a line for as long as its credit lasts and orders the carriers by cost', async () => {
      const decision = await authorize();
      expect(decision).toMatchObject({
        authorized: true,
        code: 1,
        reason: 'limited-by-credit',
        sipCode: 200,
        direction: 'outbound',
        accountId: ids.prepaid,
        billing: 'prepaid',
        maxSeconds: 6000, // 6 EUR at 0.06 per minute, per second
        destination: '447700900123',
        carrierCount: 2,
      });
      expect(decision.carriers).toEqual([
        expect.objectContaining({
          uri: 'sip:07700900123@198.51.100.10:5070;transport=udp',
          vendorId: ids.cheap,
          lookup: false,
        }),
        expect.objectContaining({
          uri: 'sip:447700900123@198.51.100.20:5070;transport=udp',
          vendorId: ids.dear,
        }),
      ]);
      await post('release', { ...decision.request, accountId: ids.prepaid });
    });

    it('answers a postpaid account whose credit does not limit the call with +2 and the cap', async () => {
      const decision = await authorize({ authUser: 'quinn' });
      expect(decision).toMatchObject({ authorized: true, code: 2, reason: 'unlimited', maxSeconds: 14_400 });
      await post('release', { ...decision.request, accountId: ids.postpaid });
    });

    it('identifies a SIP trunk by its source address and removes nothing it does not own', async () => {
      const decision = await authorize({ authUser: '', authDomain: '', sourceIp: '203.0.113.9' });
      expect(decision).toMatchObject({ authorized: true, accountId: ids.postpaid });
      await post('release', { ...decision.request, accountId: ids.postpaid });
    });

    it.each([
      ['no credit', { authUser: 'erin' }, { code: -1, reason: 'no-credit', sipCode: 402 }],
      ['an unknown destination', { destination: '999' }, { code: -4, reason: 'no-rate', sipCode: 404 }],
      ['a number that is not one', { destination: 'alice' }, { code: -4, reason: 'no-rate', sipCode: 404 }],
      ['a blocked destination', { destination: '4990123456' }, { code: -4, sipCode: 403 }],
      ['a banned address', { sourceIp: '192.0.2.66' }, { code: -2, reason: 'banned', sipCode: 403 }],
      ['a suspended account', { authUser: 'sam' }, { code: -2, reason: 'account-suspended', sipCode: 403 }],
      ['an unknown line', { authUser: 'nobody' }, { code: -4, reason: 'unknown-party', challenge: false }],
    ])('refuses %s', async (_what, overrides, expected) => {
      expect(await authorize(overrides)).toMatchObject({
        authorized: false,
        maxSeconds: 0,
        carriers: [],
        ...expected,
      });
    });

    it('asks Kamailio to challenge a caller it cannot identify', async () => {
      expect(await authorize({ authUser: '', authDomain: '' })).toMatchObject({
        authorized: false,
        challenge: true,
        sipCode: 407,
        accountId: null,
      });
    });

    it("refuses a second call beyond the line's channel limit, and takes it once the first is released", async () => {
      const first = await authorize();
      expect(first.authorized).toBe(true);
      expect(await authorize()).toMatchObject({
        authorized: false,
        code: -2,
        reason: 'channel-limit',
        sipCode: 486,
      });
      await post('release', { ...first.request, accountId: ids.prepaid });
      const third = await authorize();
      expect(third.authorized).toBe(true);
      await post('release', { ...third.request, accountId: ids.prepaid });
    });

    it('answers a repeated authorize of the same call the same, reserving once', async () => {
      const first = await authorize();
      const again = await post<CallDecision>('authorize', first.request);
      expect(again.body).toMatchObject({ authorized: true, maxSeconds: first.maxSeconds });
      expect((await pools.pool(ids.prepaid))!.calls).toBe(1);
      await post('release', { ...first.request, accountId: ids.prepaid });
    });

    it('routes an inbound call to an assigned DID to its line, charged to the DID owner', async () => {
      const decision = await authorize({ authUser: '', authDomain: '', destination: '+442030000001' });
      expect(decision).toMatchObject({
        authorized: true,
        direction: 'inbound',
        accountId: ids.prepaid,
        carriers: [{ uri: 'sip:alice@sip.rating.test', lookup: true, timeoutSeconds: 45 }],
      });
      await post('release', { ...decision.request, accountId: ids.prepaid });
      expect(await authorize({ authUser: '', authDomain: '', destination: '442030000002' })).toMatchObject({
        authorized: false,
        reason: 'did-not-assigned',
        sipCode: 404,
      });
    });

    it('sees an operator change within a second', async () => {
      await kit.request('PATCH', `/accounts/${ids.empty}`, { token: admin, body: { status: 'suspended' } });
      const start = Date.now();
      let decision = await authorize({ authUser: 'erin' });
      while (decision.reason !== 'account-suspended' && Date.now() - start < 1000) {
        await sleep(20);
        decision = await authorize({ authUser: 'erin' });
      }
      expect(decision.reason).toBe('account-suspended');
      await kit.request('PATCH', `/accounts/${ids.empty}`, { token: admin, body: { status: 'active' } });
    });

    it('keeps serving accounts grandfathered on a retired plan: retiring only stops it being chosen', async () => {
      await kit.request('PATCH', `/service-plans/${ids.plan}`, { token: admin, body: { active: false } });
      await catalogReflects();
      try {
        const decision = await authorize({ authUser: 'quinn' });
        expect(decision).toMatchObject({ authorized: true, code: 2, reason: 'unlimited' });
        await post('release', { ...decision.request, accountId: ids.postpaid });
      } finally {
        await kit.request('PATCH', `/service-plans/${ids.plan}`, { token: admin, body: { active: true } });
        await catalogReflects();
      }
    });

    it('brings a top-up into the pool of an account with calls up', async () => {
      const first = await authorize();
      expect(first.maxSeconds).toBeGreaterThan(0);
      const before = (await pools.pool(ids.prepaid))!.available;
      await kit.request('POST', `/accounts/${ids.prepaid}/top-ups`, {
        token: admin,
        body: { amount: '1.5', idempotencyKey: `top-up-${first.request.callId}` },
      });
      expect((await pools.pool(ids.prepaid))!.available.minus(before).toFixed()).toBe('1.5');
      await post('release', { ...first.request, accountId: ids.prepaid });
    });
  });

  describe('begin, end and release', () => {
    it('charges an answered call once, whatever is repeated', async () => {
      const decision = await authorize();
      const event = { ...decision.request, accountId: ids.prepaid, toTag: 'tt-1' };
      const before = (await pools.pool(ids.prepaid))!;
      expect((await post('begin', event)).body).toMatchObject({ status: 'begun' });
      expect((await post('begin', event)).body).toMatchObject({ status: 'already-active' });
      const ended = await post('end', { ...event, durationSeconds: 61 });
      expect(ended.body).toEqual({
        status: 'settled',
        durationSeconds: 61,
        billedSeconds: 61,
        cost: '0.061',
        currency: 'EUR',
      });
      expect((await post('end', { ...event, durationSeconds: 300 })).body).toMatchObject({
        status: 'already-settled',
        cost: '0.061',
      });
      const after = (await pools.pool(ids.prepaid))!;
      expect(after.charged.minus(before.charged).toFixed()).toBe('0.061');
      expect(after.calls).toBe(0);
    });

    it('settles an end that came without a begin', async () => {
      const decision = await authorize();
      const ended = await post('end', { ...decision.request, accountId: ids.prepaid, durationSeconds: 10 });
      expect(ended.body).toMatchObject({ status: 'settled', cost: '0.01' });
    });

    it('returns the reservation of an unanswered call, once', async () => {
      const before = (await pools.pool(ids.prepaid))!.available;
      const decision = await authorize();
      const event = { ...decision.request, accountId: ids.prepaid, sipCode: 486 };
      expect((await post('release', event)).body).toEqual({ status: 'released' });
      expect((await post('release', event)).body).toEqual({ status: 'already-released' });
      expect((await post('end', { ...event, durationSeconds: 5 })).body).toMatchObject({ status: 'closed' });
      expect((await pools.pool(ids.prepaid))!.available.toFixed()).toBe(before.toFixed());
    });

    it('answers unknown for a call it never authorized, and tag-mismatch for a stranger', async () => {
      const unknown = { callId: 'never@pbx.test', fromTag: 'x', accountId: ids.prepaid };
      expect((await post('begin', unknown)).body).toMatchObject({ status: 'unknown' });
      expect((await post('end', unknown)).body).toMatchObject({ status: 'unknown' });
      const decision = await authorize();
      const stranger = { ...decision.request, fromTag: 'other', accountId: ids.prepaid };
      expect((await post('release', stranger)).body).toEqual({ status: 'tag-mismatch' });
      await post('release', { ...decision.request, accountId: ids.prepaid });
    });
  });

  describe('access', () => {
    it('needs the Kamailio token from an allowed address', async () => {
      const body = call();
      expect((await post('authorize', body, '127.0.0.1', '')).status).toBe(401);
      expect((await post('authorize', body, '127.0.0.1', 'x'.repeat(40))).status).toBe(401);
      expect((await post('authorize', body, '10.1.2.3')).status).toBe(403);
      expect((await post('authorize', body, '127.0.0.1', admin)).status).toBe(401);
    });

    it('believes X-Forwarded-For only from TRUSTED_PROXIES (loopback by default)', async () => {
      const fromPeer = (remoteAddress: string, forwardedFor: string) =>
        kit.app.inject({
          method: 'POST',
          url: '/rating/authorize',
          headers: { authorization: `Bearer ${TEST_RATING_TOKEN}`, 'x-forwarded-for': forwardedFor },
          payload: call({ destination: 'alice' }),
          remoteAddress,
        });
      // An outsider naming an allowed address is still the outsider.
      expect((await fromPeer('10.1.2.3', '127.0.0.1')).statusCode).toBe(403);
      // A trusted proxy relaying an outsider: the outsider is refused.
      expect((await fromPeer('127.0.0.1', '10.1.2.3')).statusCode).toBe(403);
      expect((await fromPeer('127.0.0.1', '127.0.0.1')).statusCode).toBe(200);
    });

    it('takes the token as the password of HTTP Basic credentials too, whatever the user', async () => {
      const basic = (userAndPassword: string) =>
        kit.app.inject({
          method: 'POST',
          url: '/rating/authorize',
          headers: { authorization: `Basic ${Buffer.from(userAndPassword).toString('base64')}` },
          // Refused for its destination, so it reserves nothing whatever the tests before left open.
          payload: call({ destination: 'alice' }),
          remoteAddress: '127.0.0.1',
        });
      const accepted = await basic(`kamailio:${TEST_RATING_TOKEN}`);
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json()).toMatchObject({ reason: 'no-rate', accountId: ids.prepaid });
      expect((await basic(`:${TEST_RATING_TOKEN}`)).statusCode).toBe(200);
      expect((await basic(`kamailio:${TEST_RATING_TOKEN}x`)).statusCode).toBe(401);
      expect((await basic(TEST_RATING_TOKEN)).statusCode).toBe(401);
      expect((await basic(`${TEST_RATING_TOKEN}:`)).statusCode).toBe(401);
    });

    it('answers refused credentials in the API error shape, before looking at the body', async () => {
      const response = await post('authorize', { callId: '' }, '127.0.0.1', 'x'.repeat(40));
      expect(response).toMatchObject({
        status: 401,
        body: { statusCode: 401, error: 'Unauthorized', message: 'missing or wrong rating API token' },
      });
      expect((await post('authorize', { callId: '' }, '10.1.2.3')).body).toMatchObject({
        statusCode: 403,
        error: 'Forbidden',
      });
    });

    it('names each invalid field', async () => {
      const response = await post<{ errors: Array<{ field: string }> }>('authorize', {
        ...call(),
        sourceIp: 'not-an-ip',
        callId: '',
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, message: 'the request has invalid fields' });
      expect(response.body.errors.map((error) => error.field).sort()).toEqual(['callId', 'sourceIp']);
    });
  });
});
