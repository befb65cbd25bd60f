import { describe, expect, it } from 'vitest';
import { DAY, QUARANTINE_DAYS, type DidBody, useDidFixture } from './did-test-fixture';

describe('DIDs: reservation and quarantine', () => {
  const fixture = useDidFixture();
  const { tokens, accounts, lines, services, call, ok, addDid, getDid, move, events, inDays, uriRoute, job } =
    fixture;

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

      const audit = await fixture.kit.dataSource.query(
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
      await fixture.kit.dataSource.query(
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
  });
});
