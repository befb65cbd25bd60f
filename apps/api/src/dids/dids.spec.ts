import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DidEvent, DidStatus, type Tenant, UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApiEnvironment } from '../api-environment';
import { CatalogChanges } from '../rating-catalog/catalog-changes';
import { RatingCatalog } from '../rating-catalog/rating-catalog';
import { type ApiResponse, ApiTestKit, TEST_AUTH_SECRET } from '../testing/api-test-kit';
import { ExpireDidHoldsJob } from './expire-did-holds.job';

interface DidBody {
  id: string;
  tenantId: string;
  number: string;
  status: DidStatus;
  accountId: string | null;
  reservedUntil: string | null;
  quarantinedUntil: string | null;
  routeKind: string | null;
  routeLineId: string | null;
  routeServiceId: string | null;
  routeUri: string | null;
  [field: string]: unknown;
}

interface EventBody {
  event: string;
  fromStatus: DidStatus | null;
  toStatus: DidStatus;
  accountId: string | null;
  actorUserId: string | null;
  details: Record<string, unknown> | null;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const DAY = 86_400_000;
const QUARANTINE_DAYS = 7;

describe('DIDs', () => {
  let kit: ApiTestKit;
  let owner: Tenant;
  let resellerA: Tenant;
  let subA: Tenant;
  const tokens = { owner: '', a: '', b: '' };
  /** Accounts by name: owner's (EUR, and one in USD), A's, B's and A's sub-reseller's, all prepaid. */
  const accounts: Record<'owner' | 'other' | 'usd' | 'a' | 'b' | 'subA', string> = {} as never;
  const lines: Record<'owner' | 'other' | 'b', string> = {} as never;
  const services: Record<'trunk' | 'pbx', string> = {} as never;
  const vendors: Record<'eur' | 'usd' | 'a' | 'b', string> = {} as never;
  let sequence = 0;

  beforeAll(async () => {
    kit = await ApiTestKit.start({ DID_QUARANTINE_DAYS: String(QUARANTINE_DAYS) });
    const ownerSetup = await kit.createTenant('DIDs Owner');
    const a = await kit.createTenant('DIDs Reseller A', ownerSetup.tenant);
    const b = await kit.createTenant('DIDs Reseller B', ownerSetup.tenant);
    [owner, resellerA] = [ownerSetup.tenant, a.tenant];
    subA = (await kit.createTenant('DIDs Sub A', resellerA)).tenant;
    tokens.owner = await kit.login(ownerSetup.user.email);
    tokens.a = await kit.login(a.user.email);
    tokens.b = await kit.login(b.user.email);

    accounts.owner = await account(tokens.owner, 'OWN-1');
    accounts.other = await account(tokens.owner, 'OWN-2');
    accounts.usd = await account(tokens.owner, 'OWN-USD', { currency: 'USD' });
    accounts.a = await account(tokens.a, 'A-1');
    accounts.b = await account(tokens.b, 'B-1');
    accounts.subA = await account(tokens.a, 'SUBA-1', { tenantId: subA.id });

    const domain = (token: string, name: string) => ok(call('POST', '/domains', token, { name }), 201);
    const ownerDomain = (await domain(tokens.owner, 'sip.dids-owner.test')).id;
    const bDomain = (await domain(tokens.b, 'sip.dids-b.test')).id;
    const line = async (token: string, accountId: string, domainId: string, username: string) =>
      (await ok(call('POST', '/lines', token, { accountId, domainId, username }), 201)).id as string;
    lines.owner = await line(tokens.owner, accounts.owner, ownerDomain, 'did-owner');
    lines.other = await line(tokens.owner, accounts.other, ownerDomain, 'did-other');
    lines.b = await line(tokens.b, accounts.b, bDomain, 'did-b');
    const service = async (body: object) =>
      (await ok(call('POST', '/services', tokens.owner, { accountId: accounts.owner, ...body }), 201))
        .id as string;
    services.trunk = await service({
      kind: 'sip_trunk',
      name: 'PBX trunk',
      allowedSourceIps: ['198.51.100.77'],
    });
    services.pbx = await service({ kind: 'hosted_pbx', name: 'Hosted PBX' });
    const vendor = async (token: string, name: string, currency: string) =>
      (await ok(call('POST', '/vendors', token, { name, currency }), 201)).id as string;
    vendors.eur = await vendor(tokens.owner, 'Numbers EUR', 'EUR');
    vendors.usd = await vendor(tokens.owner, 'Numbers USD', 'USD');
    vendors.a = await vendor(tokens.a, 'A numbers', 'EUR');
    vendors.b = await vendor(tokens.b, 'B numbers', 'EUR');
  });
  afterAll(async () => kit?.close());

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function call<T = any>(method: Method, url: string, token: string, body?: unknown) {
    return kit.request<T>(method, url, { token, body });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function ok<T = any>(request: Promise<ApiResponse<T>>, status = 200): Promise<T> {
    const response = await request;
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    return response.body;
  }

  async function account(token: string, code: string, extra: object = {}): Promise<string> {
    return (await ok(call('POST', '/accounts', token, { code, name: code, currency: 'EUR', ...extra }), 201))
      .id;
  }

  /** A fresh number of 11 digits, unique in this file. */
  const nextNumber = () => `4930${String(1_000_000 + sequence++)}`;

  const addDid = (token = tokens.owner, fields: object = {}) =>
    ok<DidBody>(
      call('POST', '/dids', token, { number: nextNumber(), country: 'DE', currency: 'EUR', ...fields }),
      201,
    );
  const getDid = (id: string, token = tokens.owner) => ok<DidBody>(call('GET', `/dids/${id}`, token));
  const move = (id: string, verb: string, body?: object, token = tokens.owner) =>
    call<DidBody>('POST', `/dids/${id}/${verb}`, token, body);
  const events = async (id: string, token = tokens.owner): Promise<EventBody[]> =>
    (await ok(call('GET', `/dids/${id}/events?limit=200`, token))).data;
  const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);
  const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
  const uriRoute = { kind: 'uri', uri: 'sip:ivr@pbx.example.net' };
  const job = () => kit.app.get(ExpireDidHoldsJob);

  const catalogReflects = async () => {
    const since = Date.now();
    await kit.app.get(CatalogChanges).announce();
    const catalog = kit.app.get(RatingCatalog);
    while (catalog.loadedAt.getTime() <= since) await sleep(10);
  };

  const ledgerFees = async (accountId: string) =>
    (await ok(call('GET', `/accounts/${accountId}/ledger?kind=did_fee&limit=200`, tokens.owner)))
      .data as Array<{
      amount: string;
      idempotencyKey: string;
      description: string;
      reference: string;
    }>;

  describe('inventory', () => {
    it('adds a number with its prices, normalising "+", and writes its first history step', async () => {
      const number = nextNumber();
      const did = await ok<DidBody>(
        call('POST', '/dids', tokens.owner, {
          number: `+${number}`,
          country: 'DE',
          currency: 'EUR',
          vendorId: vendors.eur,
          buySetupFee: '1.00',
          buyMonthlyFee: '0.5',
          buyPerMinute: '0.001',
          sellSetupFee: '5.00',
          sellMonthlyFee: '2.00',
        }),
        201,
      );
      expect(did).toMatchObject({
        number,
        country: 'DE',
        currency: 'EUR',
        tenantId: owner.id,
        vendorId: vendors.eur,
        buySetupFee: '1',
        buyMonthlyFee: '0.5',
        buyPerMinute: '0.001',
        sellSetupFee: '5',
        sellMonthlyFee: '2',
        sellPerMinute: '0',
        status: 'available',
        accountId: null,
        routeKind: null,
      });
      expect(await getDid(did.id)).toEqual(did);
      expect(await events(did.id)).toEqual([
        expect.objectContaining({ event: 'added', fromStatus: null, toStatus: 'available', accountId: null }),
      ]);
      const audit = await kit.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [did.id]);
      expect(audit).toEqual([{ action: 'did.create' }]);
    });

    it('names each bad field with 400 and a number already in the inventory with 409', async () => {
      const bad = await call('POST', '/dids', tokens.owner, {
        number: '0301234567',
        country: 'XX',
        currency: 'eur',
        sellSetupFee: '-1',
        sellPerMinute: '0.1234567891',
        colour: 'blue',
      });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(
        expect.arrayContaining(['number', 'country', 'currency', 'sellSetupFee', 'sellPerMinute']),
      );
      expect(JSON.stringify(bad.body.errors)).toContain('colour');
      for (const number of ['12345', '1234567890123456', '49 30 1234', '']) {
        const response = await call('POST', '/dids', tokens.owner, {
          number,
          country: 'DE',
          currency: 'EUR',
        });
        expect(fieldsOf(response.body), number).toEqual(['number']);
      }
      const did = await addDid();
      const duplicate = await call('POST', '/dids', tokens.owner, {
        number: `+${did.number}`,
        country: 'DE',
        currency: 'EUR',
      });
      expect(duplicate.status).toBe(409);
      expect(fieldsOf(duplicate.body)).toEqual(['number']);
      // Numbers are unique across the platform: a reseller cannot add the owner's number either.
      expect(
        (await call('POST', '/dids', tokens.b, { number: did.number, country: 'DE', currency: 'EUR' }))
          .status,
      ).toBe(409);
    });

    it("takes only a vendor of the DID's tenant billing in its currency (404 outside the caller's scope)", async () => {
      const otherCurrency = await call('POST', '/dids', tokens.owner, {
        number: nextNumber(),
        country: 'DE',
        currency: 'EUR',
        vendorId: vendors.usd,
      });
      expect(otherCurrency.status).toBe(400);
      expect(otherCurrency.body.errors).toEqual([
        { field: 'vendorId', reason: expect.stringContaining('USD') },
      ]);
      const subResellerVendor = await call('POST', '/dids', tokens.owner, {
        number: nextNumber(),
        country: 'DE',
        currency: 'EUR',
        vendorId: vendors.a,
      });
      expect(subResellerVendor.status).toBe(400);
      expect(fieldsOf(subResellerVendor.body)).toEqual(['vendorId']);
      const sibling = await call('POST', '/dids', tokens.a, {
        number: nextNumber(),
        country: 'DE',
        currency: 'EUR',
        vendorId: vendors.b,
      });
      expect(sibling.status).toBe(404);
      await addDid(tokens.a, { vendorId: vendors.a });
    });

    it('changes prices, vendor and country with a history step; the currency only while no account holds it', async () => {
      const did = await addDid(tokens.owner, { vendorId: vendors.eur });
      const updated = await ok<DidBody>(
        call('PATCH', `/dids/${did.id}`, tokens.owner, {
          sellMonthlyFee: '3.50',
          sellPerMinute: '0.002',
          vendorId: null,
          country: 'AT',
        }),
      );
      expect(updated).toMatchObject({
        sellMonthlyFee: '3.5',
        sellPerMinute: '0.002',
        vendorId: null,
        country: 'AT',
      });
      const [, step] = await events(did.id);
      expect(step).toMatchObject({ event: 'updated', fromStatus: 'available', toStatus: 'available' });
      expect(step!.details!.changes).toMatchObject({
        sellMonthlyFee: { before: '0', after: '3.5' },
        vendorId: { before: vendors.eur, after: null },
      });
      // Nothing changed: no step.
      await ok(call('PATCH', `/dids/${did.id}`, tokens.owner, { country: 'AT' }));
      expect(await events(did.id)).toHaveLength(2);

      const vendorCurrency = await call('PATCH', `/dids/${did.id}`, tokens.owner, { vendorId: vendors.usd });
      expect(fieldsOf(vendorCurrency.body)).toEqual(['vendorId']);
      await ok(call('PATCH', `/dids/${did.id}`, tokens.owner, { currency: 'USD', vendorId: vendors.usd }));
      const keepsVendor = await call('PATCH', `/dids/${did.id}`, tokens.owner, { currency: 'EUR' });
      expect(keepsVendor.status).toBe(400);
      expect(fieldsOf(keepsVendor.body)).toEqual(['currency']);
      await ok(call('PATCH', `/dids/${did.id}`, tokens.owner, { currency: 'EUR', vendorId: null }));

      await ok(move(did.id, 'assign', { accountId: accounts.owner, route: uriRoute }));
      const held = await call('PATCH', `/dids/${did.id}`, tokens.owner, { currency: 'USD' });
      expect(held.status).toBe(409);
      expect(fieldsOf(held.body)).toEqual(['currency']);
      await ok(call('PATCH', `/dids/${did.id}`, tokens.owner, { sellPerMinute: '0.003' }));
    });

    it('deletes only a number no account holds; its history stays and the number can be added again', async () => {
      const did = await addDid();
      await ok(move(did.id, 'reserve', { accountId: accounts.owner, until: inDays(1) }));
      const reserved = await call('DELETE', `/dids/${did.id}`, tokens.owner);
      expect(reserved.status).toBe(409);
      expect(fieldsOf(reserved.body)).toEqual(['status']);
      await ok(move(did.id, 'release'));
      expect((await call('DELETE', `/dids/${did.id}`, tokens.owner)).status).toBe(204);
      expect((await call('GET', `/dids/${did.id}`, tokens.owner)).status).toBe(404);
      expect((await call('DELETE', `/dids/${did.id}`, tokens.owner)).status).toBe(404);
      const history = await kit.dataSource.query(
        'SELECT event FROM did_events WHERE did_id = $1 ORDER BY created_at',
        [did.id],
      );
      expect(history.map((row: { event: string }) => row.event)).toEqual([
        'added',
        'reserved',
        'reservation_cancelled',
        'removed',
      ]);
      const again = await addDid(tokens.owner, { number: did.number });
      expect(again.id).not.toBe(did.id);

      const quarantined = await addDid();
      await ok(move(quarantined.id, 'assign', { accountId: accounts.owner, route: uriRoute }));
      expect((await call('DELETE', `/dids/${quarantined.id}`, tokens.owner)).status).toBe(409);
      await ok(move(quarantined.id, 'release'));
      expect((await call('DELETE', `/dids/${quarantined.id}`, tokens.owner)).status).toBe(204);
    });
  });

  describe('lifecycle', () => {
    it('reserves, lets the job expire it, assigns, reroutes, releases into quarantine and back to available', async () => {
      const did = await addDid();
      const until = inDays(2);
      const reserved = await ok<DidBody>(move(did.id, 'reserve', { accountId: accounts.owner, until }));
      expect(reserved).toMatchObject({ status: 'reserved', accountId: accounts.owner, reservedUntil: until });

      // Before the deadline the job leaves it alone; after it, the number is available again.
      await job().run(new Date(Date.now() + DAY));
      expect((await getDid(did.id)).status).toBe('reserved');
      const expired = await job().run(new Date(Date.parse(until) + 1000));
      expect(expired.reservationsExpired).toBeGreaterThanOrEqual(1);
      expect(await getDid(did.id)).toMatchObject({
        status: 'available',
        accountId: null,
        reservedUntil: null,
      });

      await ok(move(did.id, 'reserve', { accountId: accounts.owner, until: inDays(1) }));
      const later = inDays(3);
      const extended = await ok<DidBody>(
        move(did.id, 'reserve', { accountId: accounts.owner, until: later }),
      );
      expect(extended.reservedUntil).toBe(later);

      const assigned = await ok<DidBody>(
        move(did.id, 'assign', { accountId: accounts.owner, route: { kind: 'line', lineId: lines.owner } }),
      );
      expect(assigned).toMatchObject({
        status: 'assigned',
        accountId: accounts.owner,
        reservedUntil: null,
        routeKind: 'line',
        routeLineId: lines.owner,
        routeServiceId: null,
        routeUri: null,
      });
      const trunk = await ok<DidBody>(
        call('PUT', `/dids/${did.id}/route`, tokens.owner, { kind: 'trunk', serviceId: services.trunk }),
      );
      expect(trunk).toMatchObject({ routeKind: 'trunk', routeLineId: null, routeServiceId: services.trunk });

      const releasedAt = Date.now();
      const released = await ok<DidBody>(move(did.id, 'release', { note: 'customer cancelled' }));
      expect(released).toMatchObject({ status: 'quarantined', accountId: null, routeKind: null });
      const quarantineEnds = Date.parse(released.quarantinedUntil!);
      expect(quarantineEnds - releasedAt).toBeGreaterThanOrEqual(QUARANTINE_DAYS * DAY - 1000);
      expect(quarantineEnds - releasedAt).toBeLessThan(QUARANTINE_DAYS * DAY + 60_000);
      expect((await move(did.id, 'end-quarantine')).status).toBe(409);

      await job().run(new Date(quarantineEnds - 1000));
      expect((await getDid(did.id)).status).toBe('quarantined');
      const ended = await job().run(new Date(quarantineEnds + 1000));
      expect(ended.quarantinesEnded).toBeGreaterThanOrEqual(1);
      expect(await getDid(did.id)).toMatchObject({ status: 'available', quarantinedUntil: null });

      const history = await events(did.id);
      expect(history.map((e) => [e.event, e.fromStatus, e.toStatus, e.accountId])).toEqual([
        ['added', null, 'available', null],
        ['reserved', 'available', 'reserved', accounts.owner],
        ['reservation_expired', 'reserved', 'available', accounts.owner],
        ['reserved', 'available', 'reserved', accounts.owner],
        ['reservation_extended', 'reserved', 'reserved', accounts.owner],
        ['assigned', 'reserved', 'assigned', accounts.owner],
        ['route_changed', 'assigned', 'assigned', accounts.owner],
        ['released', 'assigned', 'quarantined', accounts.owner],
        ['quarantine_ended', 'quarantined', 'available', null],
      ]);
      const byJob = history.filter((e) => ['reservation_expired', 'quarantine_ended'].includes(e.event));
      expect(byJob.every((e) => e.actorUserId === null && e.details?.by === 'schedule')).toBe(true);
      const byUser = history.filter((e) => !byJob.includes(e));
      expect(byUser.every((e) => typeof e.actorUserId === 'string')).toBe(true);
      expect(history[6]!.details).toMatchObject({
        from: { routeKind: 'line', routeLineId: lines.owner },
        to: { routeKind: 'trunk', routeServiceId: services.trunk },
      });
      expect(history[7]!.details).toMatchObject({
        note: 'customer cancelled',
        route: { routeKind: 'trunk' },
      });

      const audit = await kit.dataSource.query(
        `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY created_at`,
        [did.id],
      );
      expect(audit.map((row: { action: string }) => row.action)).toEqual([
        'did.create',
        'did.reserve',
        'did.reserve',
        'did.reserve',
        'did.assign',
        'did.change-route',
        'did.release',
      ]);
    });

    it('ends a quarantine through the API once it is over, and a reservation by release', async () => {
      const did = await addDid();
      await ok(move(did.id, 'assign', { accountId: accounts.owner, route: uriRoute }));
      await ok(move(did.id, 'release'));
      await kit.dataSource.query(
        `UPDATE dids SET quarantined_until = now() - interval '1 second' WHERE id = $1`,
        [did.id],
      );
      const available = await ok<DidBody>(
        move(did.id, 'end-quarantine', { note: 'checked with the carrier' }),
      );
      expect(available).toMatchObject({ status: 'available', quarantinedUntil: null });
      await ok(move(did.id, 'reserve', { accountId: accounts.other, until: inDays(1) }));
      const cancelled = await ok<DidBody>(move(did.id, 'release'));
      expect(cancelled).toMatchObject({ status: 'available', accountId: null, reservedUntil: null });
      expect((await events(did.id)).map((e) => e.event)).toEqual([
        'added',
        'assigned',
        'released',
        'quarantine_ended',
        'reserved',
        'reservation_cancelled',
      ]);
    });

    it('answers 409 to every move the status does not allow, and changes nothing', async () => {
      const expectConflict = async (id: string, request: Promise<ApiResponse>, field = 'status') => {
        const before = await getDid(id);
        const steps = (await events(id)).length;
        const response = await request;
        expect(response.status, JSON.stringify(response.body)).toBe(409);
        expect(fieldsOf(response.body as never)).toEqual([field]);
        expect(await getDid(id)).toEqual(before);
        expect(await events(id)).toHaveLength(steps);
      };
      const available = await addDid();
      await expectConflict(available.id, move(available.id, 'release'));
      await expectConflict(available.id, move(available.id, 'end-quarantine'));
      await expectConflict(available.id, call('PUT', `/dids/${available.id}/route`, tokens.owner, uriRoute));

      const reserved = await addDid();
      await ok(move(reserved.id, 'reserve', { accountId: accounts.owner, until: inDays(1) }));
      await expectConflict(
        reserved.id,
        move(reserved.id, 'reserve', { accountId: accounts.other, until: inDays(1) }),
        'accountId',
      );
      await expectConflict(
        reserved.id,
        move(reserved.id, 'assign', { accountId: accounts.other, route: uriRoute }),
        'accountId',
      );
      await expectConflict(reserved.id, move(reserved.id, 'end-quarantine'));

      const assigned = await addDid();
      await ok(move(assigned.id, 'assign', { accountId: accounts.owner, route: uriRoute }));
      await expectConflict(
        assigned.id,
        move(assigned.id, 'reserve', { accountId: accounts.owner, until: inDays(1) }),
      );
      await expectConflict(
        assigned.id,
        move(assigned.id, 'assign', { accountId: accounts.other, route: uriRoute }),
      );
      await expectConflict(
        assigned.id,
        move(assigned.id, 'assign', {
          accountId: accounts.owner,
          route: { kind: 'uri', uri: 'sip:other@pbx.test' },
        }),
        'route',
      );
      await expectConflict(assigned.id, call('DELETE', `/dids/${assigned.id}`, tokens.owner));

      const quarantined = await addDid();
      await ok(move(quarantined.id, 'assign', { accountId: accounts.owner, route: uriRoute }));
      await ok(move(quarantined.id, 'release'));
      await expectConflict(
        quarantined.id,
        move(quarantined.id, 'assign', { accountId: accounts.owner, route: uriRoute }),
      );
      await expectConflict(
        quarantined.id,
        move(quarantined.id, 'reserve', { accountId: accounts.owner, until: inDays(1) }),
      );
      await expectConflict(quarantined.id, move(quarantined.id, 'release'));
      await expectConflict(quarantined.id, move(quarantined.id, 'end-quarantine'));
      await expectConflict(
        quarantined.id,
        call('PUT', `/dids/${quarantined.id}/route`, tokens.owner, uriRoute),
      );

      const porting = await addDid();
      await kit.dataSource.query(`UPDATE dids SET status = 'porting_in', account_id = $2 WHERE id = $1`, [
        porting.id,
        accounts.owner,
      ]);
      await expectConflict(
        porting.id,
        move(porting.id, 'assign', { accountId: accounts.owner, route: uriRoute }),
      );
      await expectConflict(
        porting.id,
        move(porting.id, 'reserve', { accountId: accounts.owner, until: inDays(1) }),
      );
      await expectConflict(porting.id, move(porting.id, 'release'));
      await expectConflict(porting.id, call('DELETE', `/dids/${porting.id}`, tokens.owner));
    });

    it("checks the account and the route: in the caller's scope (404), of the number's tenant and account (400)", async () => {
      const did = await addDid();
      const assign = (body: object) => move(did.id, 'assign', body);
      const field = async (body: object, status: number) => {
        const response = await assign(body);
        expect(response.status, JSON.stringify(response.body)).toBe(status);
        return fieldsOf(response.body as never);
      };
      expect(
        await field({ accountId: accounts.owner, route: { kind: 'line', lineId: lines.other } }, 400),
      ).toEqual(['route.lineId']);
      expect(
        await field({ accountId: accounts.owner, route: { kind: 'trunk', serviceId: services.pbx } }, 400),
      ).toEqual(['route.serviceId']);
      expect(await field({ accountId: accounts.owner, route: { kind: 'line' } }, 400)).toEqual([
        'route.lineId',
      ]);
      expect(
        await field(
          { accountId: accounts.owner, route: { kind: 'uri', uri: 'sip:a@b.test', lineId: lines.owner } },
          400,
        ),
      ).toEqual(['route.lineId']);
      for (const uri of ['http://pbx.example.net', 'sip:', 'sip:a b@pbx.test', 'ivr@pbx.test'])
        expect(await field({ accountId: accounts.owner, route: { kind: 'uri', uri } }, 400), uri).toEqual([
          'route.uri',
        ]);
      expect(await field({ accountId: accounts.a, route: uriRoute }, 400)).toEqual(['accountId']);
      expect(await field({ accountId: accounts.usd, route: uriRoute }, 422)).toEqual(['accountId']);
      // Reseller B's account and line do not exist for the owner's... nor for its sibling A.
      const aDid = await addDid(tokens.a);
      expect(
        (await move(aDid.id, 'assign', { accountId: accounts.b, route: uriRoute }, tokens.a)).status,
      ).toBe(404);
      expect(
        (
          await move(
            aDid.id,
            'assign',
            { accountId: accounts.a, route: { kind: 'line', lineId: lines.b } },
            tokens.a,
          )
        ).status,
      ).toBe(404);
      expect(
        (await move(aDid.id, 'reserve', { accountId: accounts.b, until: inDays(1) }, tokens.a)).status,
      ).toBe(404);

      const closed = await account(tokens.owner, 'OWN-CLOSED');
      await ok(call('PATCH', `/accounts/${closed}`, tokens.owner, { status: 'closed' }));
      expect(await field({ accountId: closed, route: uriRoute }, 409)).toEqual(['accountId']);
      expect((await getDid(did.id)).status).toBe('available');
      expect(await events(did.id)).toHaveLength(1);

      for (const [body, path] of [
        [{ accountId: accounts.owner, until: new Date(Date.now() - 1000).toISOString() }, 'until'],
        [{ accountId: accounts.owner, until: inDays(400) }, 'until'],
        [{ accountId: 'not-a-uuid', until: inDays(1) }, 'accountId'],
      ] as const) {
        const response = await move(did.id, 'reserve', body);
        expect(response.status).toBe(400);
        expect(fieldsOf(response.body as never)).toEqual([path]);
      }
    });

    it('serves an assigned number from the rating catalog, and stops routing it once released', async () => {
      const did = await addDid(tokens.owner, { sellPerMinute: '0.01' });
      await ok(
        move(did.id, 'assign', { accountId: accounts.owner, route: { kind: 'line', lineId: lines.owner } }),
      );
      await catalogReflects();
      expect(kit.app.get(RatingCatalog).current.didByNumber(did.number)).toMatchObject({
        id: did.id,
        status: DidStatus.Assigned,
        accountId: accounts.owner,
        routeKind: 'line',
        routeLineId: lines.owner,
        sellPerMinute: '0.01',
      });
      await ok(call('PUT', `/dids/${did.id}/route`, tokens.owner, uriRoute));
      await catalogReflects();
      expect(kit.app.get(RatingCatalog).current.didByNumber(did.number)).toMatchObject({
        routeKind: 'uri',
        routeUri: uriRoute.uri,
      });
      await ok(move(did.id, 'release'));
      await catalogReflects();
      expect(kit.app.get(RatingCatalog).current.didByNumber(did.number)).toMatchObject({
        status: DidStatus.Quarantined,
        accountId: null,
      });
    });
  });

  describe('setup fee', () => {
    it("posts the sell setup fee to the account's ledger once, even when the assignment is repeated", async () => {
      const feeAccount = await account(tokens.owner, 'FEE-1');
      const did = await addDid(tokens.owner, { sellSetupFee: '5.00', sellMonthlyFee: '2.00' });
      const body = { accountId: feeAccount, route: uriRoute };
      const first = await ok<DidBody>(move(did.id, 'assign', body));
      const retry = await ok<DidBody>(move(did.id, 'assign', body));
      expect(retry).toEqual(first);
      const [assignment] = (await events(did.id)).filter((e) => e.event === 'assigned');
      expect(assignment!.details).toMatchObject({ setupFee: '5', currency: 'EUR' });
      const fees = await ledgerFees(feeAccount);
      expect(fees).toHaveLength(1);
      expect(fees[0]).toMatchObject({
        amount: '-5',
        description: `Setup fee of DID +${did.number}`,
        reference: `did:${did.id}`,
        idempotencyKey: expect.stringContaining(did.id),
      });
      const balance = await ok(call('GET', `/accounts/${feeAccount}/balance`, tokens.owner));
      expect(balance.amount).toBe('-5');
      expect((await events(did.id)).filter((e) => e.event === 'assigned')).toHaveLength(1);

      // A new assignment after quarantine is a new sale: the fee again, once.
      await ok(move(did.id, 'release'));
      await job().run(new Date(Date.now() + (QUARANTINE_DAYS + 1) * DAY));
      await ok(move(did.id, 'assign', body));
      await ok(move(did.id, 'assign', body));
      expect(await ledgerFees(feeAccount)).toHaveLength(2);

      const free = await addDid();
      await ok(move(free.id, 'assign', body));
      expect(await ledgerFees(feeAccount)).toHaveLength(2);
    });

    it('posts a fee an assignment committed without (the request failed after the commit) when it is retried', async () => {
      const feeAccount = await account(tokens.owner, 'FEE-2');
      const did = await addDid(tokens.owner, { sellSetupFee: '3.25' });
      // What an assignment whose fee posting failed leaves behind: the number assigned, its step, no entry.
      await kit.dataSource.query(
        `UPDATE dids SET status = 'assigned', account_id = $2, route_kind = 'uri', route_uri = $3 WHERE id = $1`,
        [did.id, feeAccount, uriRoute.uri],
      );
      await kit.dataSource.getRepository(DidEvent).insert({
        tenantId: owner.id,
        didId: did.id,
        event: 'assigned',
        fromStatus: DidStatus.Available,
        toStatus: DidStatus.Assigned,
        accountId: feeAccount,
        details: { setupFee: '3.25', currency: 'EUR' },
      });
      // Prices changed since: the fee is the one the assignment was made on.
      await ok(call('PATCH', `/dids/${did.id}`, tokens.owner, { sellSetupFee: '9.99' }));
      expect(await ledgerFees(feeAccount)).toHaveLength(0);
      await ok(move(did.id, 'assign', { accountId: feeAccount, route: uriRoute }));
      await ok(move(did.id, 'assign', { accountId: feeAccount, route: uriRoute }));
      const fees = await ledgerFees(feeAccount);
      expect(fees.map((fee) => fee.amount)).toEqual(['-3.25']);
    });
  });

  describe('bulk', () => {
    const rangeBody = (from: string, to: string, extra: object = {}) => ({
      from,
      to,
      country: 'DE',
      currency: 'EUR',
      sellMonthlyFee: '1.50',
      ...extra,
    });
    const countRange = async (from: string, to: string) =>
      Number(
        (
          await kit.dataSource.query(
            `SELECT count(*) AS n FROM dids WHERE deleted_at IS NULL AND number BETWEEN $1 AND $2`,
            [from, to],
          )
        )[0].n,
      );

    it('adds a range all or nothing, naming every number already in the inventory', async () => {
      await addDid(tokens.owner, { number: '4940555000003' });
      await addDid(tokens.a, { number: '4940555000007' });
      const clash = await call(
        'POST',
        '/dids/range',
        tokens.owner,
        rangeBody('4940555000000', '4940555000009'),
      );
      expect(clash.status).toBe(400);
      expect(clash.body.errors).toEqual([
        { field: 'numbers.3', reason: '4940555000003 is already in the inventory' },
        { field: 'numbers.7', reason: '4940555000007 is already in the inventory' },
      ]);
      expect(await countRange('4940555000000', '4940555000009')).toBe(2);

      const result = await ok(
        call(
          'POST',
          '/dids/range',
          tokens.owner,
          rangeBody('+4940555000010', '4940555000019', { vendorId: vendors.eur }),
        ),
        201,
      );
      expect(result).toEqual({ created: 10, importId: expect.any(String) });
      const page = await ok(call('GET', '/dids?numberPrefix=494055500001&limit=200', tokens.owner));
      expect(page.data.map((d: DidBody) => d.number)).toEqual(
        Array.from({ length: 10 }, (_, i) => `49405550000${10 + i}`),
      );
      expect(page.data[0]).toMatchObject({
        status: 'available',
        sellMonthlyFee: '1.5',
        vendorId: vendors.eur,
      });
      expect((await events(page.data[9].id))[0]).toMatchObject({
        event: 'added',
        details: { importId: result.importId },
      });
      const audit = await kit.dataSource.query(`SELECT action, changes FROM audit_log WHERE entity_id = $1`, [
        result.importId,
      ]);
      expect(audit).toEqual([
        {
          action: 'did.import',
          changes: {
            created: { before: null, after: 10 },
            first: { before: null, after: '4940555000010' },
            last: { before: null, after: '4940555000019' },
          },
        },
      ]);

      const vendor = await call(
        'POST',
        '/dids/range',
        tokens.owner,
        rangeBody('4940555000100', '4940555000199', { vendorId: vendors.usd }),
      );
      expect(vendor.body.errors).toEqual([{ field: 'vendorId', reason: expect.stringContaining('USD') }]);
    });

    it('refuses a range that is upside down, of mixed lengths or over 10,000 numbers', async () => {
      for (const [from, to] of [
        ['4940666000010', '4940666000009'],
        ['4940666000010', '494066600001'],
        ['4940666000000', '4940666010000'],
      ] as const) {
        const response = await call('POST', '/dids/range', tokens.owner, rangeBody(from, to));
        expect(response.status, `${from}-${to}`).toBe(400);
        expect(fieldsOf(response.body), `${from}-${to}`).toEqual(['to']);
      }
    });

    it('adds 10,000 numbers in one request', async () => {
      const result = await ok(
        call('POST', '/dids/range', tokens.a, rangeBody('3314000000', '3314009999')),
        201,
      );
      expect(result.created).toBe(10_000);
      expect(await countRange('3314000000', '3314009999')).toBe(10_000);
      const steps = await kit.dataSource.query(
        `SELECT count(*) AS n FROM did_events WHERE details ->> 'importId' = $1`,
        [result.importId],
      );
      expect(Number(steps[0].n)).toBe(10_000);
    });

    it('adds rows all or nothing, reporting every bad row by index and field', async () => {
      const existing = await addDid();
      const row = (number: string, extra: object = {}) => ({
        number,
        country: 'FR',
        currency: 'EUR',
        ...extra,
      });
      const invalid = await call('POST', '/dids/bulk', tokens.owner, {
        rows: [
          row('33190000001'),
          row('033190000002'),
          row('33190000003', { country: 'France', sellSetupFee: 'x' }),
        ],
      });
      expect(invalid.status).toBe(400);
      expect(fieldsOf(invalid.body)).toEqual(['rows.1.number', 'rows.2.country', 'rows.2.sellSetupFee']);

      const conflicting = await call('POST', '/dids/bulk', tokens.owner, {
        rows: [
          row('33190000011'),
          row('+33190000011'),
          row(existing.number),
          row('33190000014', { vendorId: vendors.usd }),
          row('33190000015', { vendorId: vendors.b }),
          row('33190000016', { vendorId: randomUUID() }),
          row('33190000017', { vendorId: vendors.eur }),
        ],
      });
      expect(conflicting.status).toBe(400);
      expect(conflicting.body.errors).toEqual([
        { field: 'rows.1.number', reason: '33190000011 is repeated: first at rows.0.number' },
        { field: 'rows.2.number', reason: `${existing.number} is already in the inventory` },
        { field: 'rows.3.vendorId', reason: expect.stringContaining('USD') },
        { field: 'rows.4.vendorId', reason: "must be a vendor of the DID's own tenant" },
        { field: 'rows.5.vendorId', reason: 'vendor not found' },
      ]);
      expect(await countRange('33190000000', '33190000099')).toBe(0);

      const result = await ok(
        call('POST', '/dids/bulk', tokens.owner, {
          tenantId: resellerA.id,
          rows: [row('33190000021', { sellSetupFee: '2' }), row('33190000022', { vendorId: vendors.a })],
        }),
        201,
      );
      expect(result.created).toBe(2);
      const added = await ok(call('GET', '/dids?numberPrefix=3319000002', tokens.a));
      expect(added.data).toEqual([
        expect.objectContaining({
          number: '33190000021',
          sellSetupFee: '2',
          tenantId: resellerA.id,
          country: 'FR',
        }),
        expect.objectContaining({ number: '33190000022', vendorId: vendors.a }),
      ]);
      expect((await call('POST', '/dids/bulk', tokens.owner, { rows: [] })).status).toBe(400);
    });

    it('takes rows up to the 10,000 limit within the raised body limit', async () => {
      const rows = Array.from({ length: 10_001 }, (_, i) => ({
        number: `3399${String(i).padStart(7, '0')}`,
        country: 'FR',
        currency: 'EUR',
        vendorId: vendors.eur,
        buySetupFee: '0.000001',
        buyMonthlyFee: '0.000001',
        buyPerMinute: '0.00000001',
        sellSetupFee: '0.000001',
        sellMonthlyFee: '0.000001',
        sellPerMinute: '0.00000001',
      }));
      const tooMany = await call('POST', '/dids/bulk', tokens.owner, { rows });
      expect(tooMany.status).toBe(400);
      expect(fieldsOf(tooMany.body)).toEqual(['rows']);
      const result = await ok(call('POST', '/dids/bulk', tokens.owner, { rows: rows.slice(0, 10_000) }), 201);
      expect(result.created).toBe(10_000);
    });
  });

  describe('search', () => {
    it('finds numbers by country, prefix, status, account and vendor, and pages by number', async () => {
      const numbers = ['4121500000', '4121500001', '4121500002', '4121600000', '4121600001'];
      const ids: string[] = [];
      for (const [i, number] of numbers.entries())
        ids.push(
          (await addDid(tokens.owner, { number, country: 'CH', vendorId: i % 2 === 0 ? vendors.eur : null }))
            .id,
        );
      await ok(move(ids[1]!, 'assign', { accountId: accounts.other, route: uriRoute }));
      await ok(move(ids[3]!, 'reserve', { accountId: accounts.other, until: inDays(1) }));
      const found = async (query: string) => {
        const page = await ok(call('GET', `/dids?${query}&limit=200`, tokens.owner));
        return page.data.map((d: DidBody) => d.number);
      };
      expect(await found('country=CH')).toEqual(numbers);
      expect(await found('numberPrefix=%2B41215')).toEqual(numbers.slice(0, 3));
      expect(await found('country=CH&status=available')).toEqual([numbers[0], numbers[2], numbers[4]]);
      expect(await found(`country=CH&accountId=${accounts.other}`)).toEqual([numbers[1], numbers[3]]);
      expect(await found(`country=CH&vendorId=${vendors.eur}`)).toEqual([numbers[0], numbers[2], numbers[4]]);
      expect(await found('country=CH&status=assigned')).toEqual([numbers[1]]);
      expect(await found(`country=CH&tenantId=${resellerA.id}`)).toEqual([]);
      expect(await found('numberPrefix=4121&sort=number&order=desc')).toEqual([...numbers].reverse());

      const first = await ok(call('GET', '/dids?country=CH&limit=2', tokens.owner));
      const second = await ok(
        call('GET', `/dids?country=CH&limit=2&cursor=${first.nextCursor}`, tokens.owner),
      );
      const third = await ok(
        call('GET', `/dids?country=CH&limit=2&cursor=${second.nextCursor}`, tokens.owner),
      );
      expect([...first.data, ...second.data, ...third.data].map((d: DidBody) => d.number)).toEqual(numbers);
      expect(third.nextCursor).toBeNull();

      for (const query of ['country=Switzerland', 'numberPrefix=41-2', 'status=lost', 'accountId=x'])
        expect((await call('GET', `/dids?${query}`, tokens.owner)).status, query).toBe(400);
    });
  });

  describe('tenancy', () => {
    it("hides a reseller's numbers from its sibling (404 everywhere, changing nothing) and shows them to the owner", async () => {
      const did = await addDid(tokens.b);
      const before = await getDid(did.id, tokens.b);
      const attempts: Array<[Method, string, object | undefined]> = [
        ['GET', '', undefined],
        ['PATCH', '', { sellMonthlyFee: '9' }],
        ['DELETE', '', undefined],
        ['POST', '/reserve', { accountId: accounts.a, until: inDays(1) }],
        ['POST', '/assign', { accountId: accounts.a, route: uriRoute }],
        ['PUT', '/route', uriRoute],
        ['POST', '/release', {}],
        ['POST', '/end-quarantine', {}],
        ['GET', '/events', undefined],
        // An empty or invalid body answers 404 too, never a 400 that tells the number apart from a missing one.
        ['POST', '/assign', {}],
        ['PATCH', '', { currency: 'nope' }],
      ];
      for (const [method, suffix, body] of attempts)
        expect(
          (await call(method, `/dids/${did.id}${suffix}`, tokens.a, body)).status,
          `${method} ${suffix}`,
        ).toBe(404);
      expect(await getDid(did.id, tokens.b)).toEqual(before);
      expect(await events(did.id, tokens.b)).toHaveLength(1);
      const listA = await ok(call('GET', '/dids?limit=200&numberPrefix=4930', tokens.a));
      expect(listA.data.map((d: DidBody) => d.id)).not.toContain(did.id);
      expect(await getDid(did.id, tokens.owner)).toEqual(before);
      // A reseller adds numbers for itself or below it, not for its sibling or parent.
      expect(
        (
          await call('POST', '/dids', tokens.a, {
            number: nextNumber(),
            country: 'DE',
            currency: 'EUR',
            tenantId: owner.id,
          })
        ).status,
      ).toBe(404);
      expect(
        (await call('POST', '/dids/range', tokens.a, { ...rangeOf(10), tenantId: before.tenantId })).status,
      ).toBe(404);
    });

    it("lets a reseller manage its sub-reseller's numbers and sell them to the sub-reseller's accounts", async () => {
      const did = await addDid(tokens.a, { tenantId: subA.id, sellSetupFee: '1' });
      expect(did.tenantId).toBe(subA.id);
      await ok(move(did.id, 'assign', { accountId: accounts.subA, route: uriRoute }, tokens.a));
      const asOwner = await getDid(did.id, tokens.owner);
      expect(asOwner).toMatchObject({ status: 'assigned', accountId: accounts.subA });
      // The reseller's own account is not the sub-reseller's.
      const own = await addDid(tokens.a, { tenantId: subA.id });
      const response = await move(own.id, 'assign', { accountId: accounts.a, route: uriRoute }, tokens.a);
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body as never)).toEqual(['accountId']);
    });

    it('shows an end user the numbers assigned to its account, without costs, read only', async () => {
      const mine = await addDid(tokens.owner, { vendorId: vendors.eur, buySetupFee: '1', sellSetupFee: '0' });
      const reservedForMe = await addDid();
      const theirs = await addDid();
      await ok(move(mine.id, 'reserve', { accountId: accounts.other, until: inDays(1) }));
      await ok(move(mine.id, 'release'));
      await ok(
        move(mine.id, 'assign', { accountId: accounts.owner, route: { kind: 'line', lineId: lines.owner } }),
      );
      await ok(move(reservedForMe.id, 'reserve', { accountId: accounts.owner, until: inDays(1) }));
      await ok(move(theirs.id, 'assign', { accountId: accounts.other, route: uriRoute }));
      const user = await kit.createUser(owner, UserRole.Admin, 'did-end-user@example.test', accounts.owner);
      const token = await kit.login(user.email);

      const list = await ok(call('GET', '/dids?limit=200', token));
      expect(list.data.length).toBeGreaterThan(0);
      expect(list.data.every((d: DidBody) => d.accountId === accounts.owner && d.status === 'assigned')).toBe(
        true,
      );
      expect(list.data.map((d: DidBody) => d.id)).toContain(mine.id);
      const seen = await getDid(mine.id, token);
      expect(seen).toMatchObject({
        number: mine.number,
        vendorId: null,
        buySetupFee: null,
        buyMonthlyFee: null,
        buyPerMinute: null,
        sellSetupFee: '0',
        routeKind: 'line',
      });
      for (const id of [reservedForMe.id, theirs.id])
        expect((await call('GET', `/dids/${id}`, token)).status).toBe(404);
      // Its history starts with its own account: who held the number before is not its business.
      expect((await events(mine.id, token)).map((e) => e.event)).toEqual(['assigned']);

      expect(
        (await call('POST', '/dids', token, { number: nextNumber(), country: 'DE', currency: 'EUR' })).status,
      ).toBe(403);
      expect((await call('PATCH', `/dids/${mine.id}`, token, { sellSetupFee: '0' })).status).toBe(403);
      expect((await call('PUT', `/dids/${mine.id}/route`, token, uriRoute)).status).toBe(403);
      expect((await move(mine.id, 'release', {}, token)).status).toBe(403);
      expect((await call('DELETE', `/dids/${mine.id}`, token)).status).toBe(403);
      expect((await call('POST', '/dids/range', token, rangeOf(2))).status).toBe(403);
      expect((await getDid(mine.id)).status).toBe('assigned');

      await ok(move(mine.id, 'release'));
      expect((await call('GET', `/dids/${mine.id}`, token)).status).toBe(404);
    });

    it('lets a read-only user look but not change', async () => {
      const did = await addDid();
      const reader = await kit.createUser(owner, UserRole.ReadOnly, 'did-reader@example.test');
      const token = await kit.login(reader.email);
      expect((await call('GET', `/dids/${did.id}`, token)).status).toBe(200);
      expect((await call('GET', `/dids/${did.id}/events`, token)).status).toBe(200);
      expect(
        (await move(did.id, 'reserve', { accountId: accounts.owner, until: inDays(1) }, token)).status,
      ).toBe(403);
      expect((await call('DELETE', `/dids/${did.id}`, token)).status).toBe(403);
    });
  });

  it('reads DID_QUARANTINE_DAYS at boot: 0 to 365 days, 30 when unset', () => {
    const env = (value?: string) =>
      readApiEnvironment({
        DATABASE_URL: process.env.DATABASE_URL,
        REDIS_URL: process.env.REDIS_URL,
        AUTH_SECRET: TEST_AUTH_SECRET,
        ...(value === undefined ? {} : { DID_QUARANTINE_DAYS: value }),
      });
    expect(env().DID_QUARANTINE_DAYS).toBe(30);
    expect(env('0').DID_QUARANTINE_DAYS).toBe(0);
    for (const bad of ['-1', '366', 'thirty', '1.5'])
      expect(() => env(bad), bad).toThrow(/DID_QUARANTINE_DAYS/);
  });

  function rangeOf(count: number) {
    const from = 4930998000;
    return { from: String(from), to: String(from + count - 1), country: 'DE', currency: 'EUR' };
  }
});
