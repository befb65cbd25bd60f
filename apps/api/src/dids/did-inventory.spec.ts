import { describe, expect, it } from 'vitest';
import { readApiEnvironment } from '../api-environment';
import { TEST_AUTH_SECRET } from '../testing/api-test-kit';
import { type DidBody, useDidFixture } from './did-test-fixture';

describe('DIDs: inventory, search and settings', () => {
  const fixture = useDidFixture();
  const {
    tokens,
    accounts,
    vendors,
    tenants,
    call,
    ok,
    nextNumber,
    addDid,
    getDid,
    move,
    events,
    fieldsOf,
    inDays,
    uriRoute,
  } = fixture;

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
        tenantId: tenants.owner.id,
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
      const audit = await fixture.kit.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [
        did.id,
      ]);
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
      const history = await fixture.kit.dataSource.query(
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
      expect(await found(`country=CH&tenantId=${tenants.resellerA.id}`)).toEqual([]);
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
});
