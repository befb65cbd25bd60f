import { UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

describe('holidays', () => {
  let kit: ApiTestKit;
  let ownerToken: string;
  let a: { id: string; token: string };
  let b: { id: string; token: string };

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const owner = await kit.createTenant('Holiday Owner');
    ownerToken = await kit.login(owner.user.email);
    const resellerA = await kit.createTenant('Holiday Reseller A', owner.tenant);
    const resellerB = await kit.createTenant('Holiday Reseller B', owner.tenant);
    a = { id: resellerA.tenant.id, token: await kit.login(resellerA.user.email) };
    b = { id: resellerB.tenant.id, token: await kit.login(resellerB.user.email) };
  });
  afterAll(async () => kit?.close());

  const add = (token: string, body: unknown) => kit.request('POST', '/holidays', { token, body });
  const fields = (response: { body: { errors?: Array<{ field: string }> } }) =>
    (response.body.errors ?? []).map((error) => error.field);

  it('adds, reads, renames and deletes a holiday, with an audit trail', async () => {
    const created = await add(ownerToken, { date: '2026-12-25', name: 'Christmas Day' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ date: '2026-12-25', name: 'Christmas Day' });
    expect((await kit.request('GET', `/holidays/${created.body.id}`, { token: ownerToken })).body).toEqual(
      created.body,
    );
    const renamed = await kit.request('PATCH', `/holidays/${created.body.id}`, {
      token: ownerToken,
      body: { name: 'Christmas', date: '2026-12-26' },
    });
    expect(renamed.body).toMatchObject({ name: 'Christmas', date: '2026-12-26' });
    expect((await kit.request('DELETE', `/holidays/${created.body.id}`, { token: ownerToken })).status).toBe(
      204,
    );
    expect((await kit.request('GET', `/holidays/${created.body.id}`, { token: ownerToken })).status).toBe(
      404,
    );
    const audit = await kit.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY created_at`,
      [created.body.id],
    );
    expect(audit.map((entry: { action: string }) => entry.action)).toEqual([
      'holiday.create',
      'holiday.update',
      'holiday.delete',
    ]);
  });

  it('names bad fields with 400 and answers 409 for a date already a holiday of the tenant', async () => {
    const bad = await add(ownerToken, { date: '2026-02-30', name: '', when: 'always' });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(expect.arrayContaining(['date', 'name']));
    expect(JSON.stringify(bad.body.errors)).toContain('when');
    expect((await add(ownerToken, { date: '2026-01-01', name: "New Year's Day" })).status).toBe(201);
    const duplicate = await add(ownerToken, { date: '2026-01-01', name: 'Again' });
    expect(duplicate.status).toBe(409);
    expect(fields(duplicate)).toEqual(['date']);
    expect((await add(a.token, { date: '2026-01-01', name: "New Year's Day" })).status).toBe(201);
  });

  it('filters by date range and tenant, sorted by date', async () => {
    for (const [date, name] of [
      ['2027-05-01', 'Labour Day'],
      ['2027-01-06', 'Epiphany'],
      ['2027-12-08', 'Immaculate Conception'],
    ])
      await add(ownerToken, { date, name });
    await add(ownerToken, { date: '2027-08-15', name: 'Assumption', tenantId: b.id });
    const range = await kit.request('GET', '/holidays?from=2027-01-01&to=2027-08-31', { token: ownerToken });
    expect(range.body.data.map((h: { date: string }) => h.date)).toEqual([
      '2027-01-06',
      '2027-05-01',
      '2027-08-15',
    ]);
    const ofB = await kit.request(`GET`, `/holidays?tenantId=${b.id}`, { token: ownerToken });
    expect(ofB.body.data.map((h: { name: string }) => h.name)).toEqual(['Assumption']);
    const byName = await kit.request('GET', '/holidays?from=2027-01-01&to=2027-12-31&sort=name&limit=2', {
      token: ownerToken,
    });
    expect(byName.body.data.map((h: { name: string }) => h.name)).toEqual(['Assumption', 'Epiphany']);
    expect(byName.body.nextCursor).not.toBeNull();
  });

  it("keeps a reseller's calendar from its sibling, and read-only users from writing", async () => {
    const holiday = (await add(b.token, { date: '2028-04-25', name: 'Liberation Day' })).body;
    expect((await kit.request('GET', `/holidays/${holiday.id}`, { token: a.token })).status).toBe(404);
    expect(
      (await kit.request('PATCH', `/holidays/${holiday.id}`, { token: a.token, body: { name: 'x' } })).status,
    ).toBe(404);
    expect((await kit.request('DELETE', `/holidays/${holiday.id}`, { token: a.token })).status).toBe(404);
    const listA = await kit.request('GET', '/holidays?limit=200', { token: a.token });
    expect(listA.body.data.map((h: { id: string }) => h.id)).not.toContain(holiday.id);
    expect((await add(a.token, { date: '2028-04-26', name: 'Planted', tenantId: b.id })).status).toBe(404);
    expect((await kit.request('GET', `/holidays/${holiday.id}`, { token: b.token })).body.name).toBe(
      'Liberation Day',
    );
    const reader = await kit.login(
      (await kit.createUser({ id: b.id }, UserRole.ReadOnly, 'holiday-ro@example.test')).email,
    );
    expect((await kit.request('GET', `/holidays/${holiday.id}`, { token: reader })).status).toBe(200);
    expect((await add(reader, { date: '2028-06-02', name: 'Republic Day' })).status).toBe(403);
  });
});
