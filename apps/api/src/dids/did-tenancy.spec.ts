import { UserRole } from '@tollgate/db';
import { describe, expect, it } from 'vitest';
import { type DidBody, type Method, useDidFixture } from './did-test-fixture';

describe('DIDs: tenancy', () => {
  const fixture = useDidFixture();
  const {
    tokens,
    accounts,
    lines,
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
    rangeOf,
  } = fixture;

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
            tenantId: tenants.owner.id,
          })
        ).status,
      ).toBe(404);
      expect(
        (await call('POST', '/dids/range', tokens.a, { ...rangeOf(10), tenantId: before.tenantId })).status,
      ).toBe(404);
    });

    it("lets a reseller manage its sub-reseller's numbers and sell them to the sub-reseller's accounts", async () => {
      const did = await addDid(tokens.a, { tenantId: tenants.subA.id, sellSetupFee: '1' });
      expect(did.tenantId).toBe(tenants.subA.id);
      await ok(move(did.id, 'assign', { accountId: accounts.subA, route: uriRoute }, tokens.a));
      const asOwner = await getDid(did.id, tokens.owner);
      expect(asOwner).toMatchObject({ status: 'assigned', accountId: accounts.subA });
      // The reseller's own account is not the sub-reseller's.
      const own = await addDid(tokens.a, { tenantId: tenants.subA.id });
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
      const user = await fixture.kit.createUser(
        tenants.owner,
        UserRole.Admin,
        'did-end-user@example.test',
        accounts.owner,
      );
      const token = await fixture.kit.login(user.email);

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
      const reader = await fixture.kit.createUser(
        tenants.owner,
        UserRole.ReadOnly,
        'did-reader@example.test',
      );
      const token = await fixture.kit.login(reader.email);
      expect((await call('GET', `/dids/${did.id}`, token)).status).toBe(200);
      expect((await call('GET', `/dids/${did.id}/events`, token)).status).toBe(200);
      expect(
        (await move(did.id, 'reserve', { accountId: accounts.owner, until: inDays(1) }, token)).status,
      ).toBe(403);
      expect((await call('DELETE', `/dids/${did.id}`, token)).status).toBe(403);
    });
  });
});
