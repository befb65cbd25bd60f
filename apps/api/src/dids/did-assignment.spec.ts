import { DidStatus } from '@tollgate/db';
import { describe, expect, it } from 'vitest';
import { RatingCatalog } from '../rating-catalog/rating-catalog';
import type { ApiResponse } from '../testing/api-test-kit';
import { useDidFixture } from './did-test-fixture';

describe('DIDs: assignment and release', () => {
  const fixture = useDidFixture();
  const {
    tokens,
    accounts,
    lines,
    services,
    call,
    ok,
    account,
    addDid,
    getDid,
    move,
    events,
    fieldsOf,
    inDays,
    uriRoute,
    catalogReflects,
  } = fixture;

  describe('lifecycle', () => {
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
      await fixture.kit.dataSource.query(
        `UPDATE dids SET status = 'porting_in', account_id = $2 WHERE id = $1`,
        [porting.id, accounts.owner],
      );
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
      expect(fixture.kit.app.get(RatingCatalog).current.didByNumber(did.number)).toMatchObject({
        id: did.id,
        status: DidStatus.Assigned,
        accountId: accounts.owner,
        routeKind: 'line',
        routeLineId: lines.owner,
        sellPerMinute: '0.01',
      });
      await ok(call('PUT', `/dids/${did.id}/route`, tokens.owner, uriRoute));
      await catalogReflects();
      expect(fixture.kit.app.get(RatingCatalog).current.didByNumber(did.number)).toMatchObject({
        routeKind: 'uri',
        routeUri: uriRoute.uri,
      });
      await ok(move(did.id, 'release'));
      await catalogReflects();
      expect(fixture.kit.app.get(RatingCatalog).current.didByNumber(did.number)).toMatchObject({
        status: DidStatus.Quarantined,
        accountId: null,
      });
    });
  });
});
