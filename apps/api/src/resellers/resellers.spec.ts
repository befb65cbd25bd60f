import { UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

describe('resellers', () => {
  let kit: ApiTestKit;
  let ownerToken: string;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const { user } = await kit.createTenant('Reseller Test Owner');
    ownerToken = await kit.login(user.email);
  });
  afterAll(async () => kit?.close());

  const create = (token: string, body: unknown) => kit.request('POST', '/resellers', { token, body });

  it('creates a reseller with settings inherited from its parent, and money as exact strings', async () => {
    const response = await create(ownerToken, {
      name: 'Alpha Telecom',
      settings: {
        defaultCurrency: 'EUR',
        billingType: 'postpaid',
        creditLimit: '1500.125',
        primaryColor: '#112233',
      },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      name: 'Alpha Telecom',
      settings: {
        defaultCurrency: 'EUR',
        billingType: 'postpaid',
        creditLimit: '1500.125',
        primaryColor: '#112233',
      },
    });
    const fetched = await kit.request('GET', `/resellers/${response.body.id}`, { token: ownerToken });
    expect(fetched.body).toEqual(response.body);
  });

  it('names every bad field with 400 and writes nothing', async () => {
    const before = await kit.request('GET', '/resellers?limit=200', { token: ownerToken });
    const response = await create(ownerToken, {
      name: '',
      settings: { defaultCurrency: 'euro', creditLimit: 12.5, defaultTimezone: 'Mars/Olympus' },
      colour: 'red',
    });
    expect(response.status).toBe(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'name',
        'settings.defaultCurrency',
        'settings.creditLimit',
        'settings.defaultTimezone',
      ]),
    );
    expect(JSON.stringify(response.body.errors)).toContain('colour');
    const after = await kit.request('GET', '/resellers?limit=200', { token: ownerToken });
    expect(after.body.data).toHaveLength(before.body.data.length);
  });

  it('nests resellers: a reseller sees its sub-resellers and nothing above or beside it', async () => {
    const alpha = (await create(ownerToken, { name: 'Nest Alpha' })).body;
    const beta = (await create(ownerToken, { name: 'Nest Beta' })).body;
    const alphaChild = (await create(ownerToken, { name: 'Nest Alpha Child', parentId: alpha.id })).body;
    expect(alphaChild.parentId).toBe(alpha.id);

    const alphaAdmin = await kit.createUser(
      { id: alpha.id },
      UserRole.Admin,
      'nest-alpha-admin@example.test',
    );
    const alphaToken = await kit.login(alphaAdmin.email);
    const visible = await kit.request('GET', '/resellers?search=nest', { token: alphaToken });
    expect(visible.body.data.map((r: { name: string }) => r.name)).toEqual(['Nest Alpha Child']);
    for (const hidden of [alpha.id, beta.id]) {
      expect((await kit.request('GET', `/resellers/${hidden}`, { token: alphaToken })).status).toBe(404);
      expect(
        (await kit.request('PATCH', `/resellers/${hidden}`, { token: alphaToken, body: { name: 'x' } }))
          .status,
      ).toBe(404);
    }
    const underBeta = await create(alphaToken, { name: 'Sneaky', parentId: beta.id });
    expect(underBeta.status).toBe(404);
    expect((await kit.request('DELETE', `/resellers/${alpha.id}`, { token: ownerToken })).status).toBe(409);
  });

  it('pages with a cursor, sorted, without overlap', async () => {
    for (const name of ['Page A', 'Page B', 'Page C', 'Page D', 'Page E']) await create(ownerToken, { name });
    const first = await kit.request('GET', '/resellers?search=page&limit=2', { token: ownerToken });
    const second = await kit.request(
      'GET',
      `/resellers?search=page&limit=2&cursor=${first.body.nextCursor}`,
      {
        token: ownerToken,
      },
    );
    const third = await kit.request(
      'GET',
      `/resellers?search=page&limit=2&cursor=${second.body.nextCursor}`,
      {
        token: ownerToken,
      },
    );
    const names = [...first.body.data, ...second.body.data, ...third.body.data].map(
      (r: { name: string }) => r.name,
    );
    expect(names).toEqual(['Page A', 'Page B', 'Page C', 'Page D', 'Page E']);
    expect(third.body.nextCursor).toBeNull();
    const descending = await kit.request('GET', '/resellers?search=page&order=desc&limit=1', {
      token: ownerToken,
    });
    expect(descending.body.data[0].name).toBe('Page E');
    const byCreation: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ name: string }>; nextCursor: string | null } } = await kit.request(
        'GET',
        `/resellers?search=page&sort=createdAt&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        {
          token: ownerToken,
        },
      );
      byCreation.push(...page.body.data.map((r: { name: string }) => r.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(byCreation).toEqual(['Page A', 'Page B', 'Page C', 'Page D', 'Page E']);
    const badCursor = await kit.request('GET', '/resellers?cursor=garbage', { token: ownerToken });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0].field).toBe('cursor');
  });

  it('updates, audits, and soft-deletes', async () => {
    const reseller = (await create(ownerToken, { name: 'Audited' })).body;
    const updated = await kit.request('PATCH', `/resellers/${reseller.id}`, {
      token: ownerToken,
      body: { name: 'Audited Renamed', settings: { supportEmail: 'help@audited.test' } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      name: 'Audited Renamed',
      settings: { supportEmail: 'help@audited.test' },
    });
    const entries = await kit.dataSource.query(
      `SELECT action, changes FROM audit_log WHERE entity_id = $1 ORDER BY created_at`,
      [reseller.id],
    );
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['reseller.create', 'reseller.update']);
    expect(entries[1].changes).toMatchObject({
      name: { before: 'Audited', after: 'Audited Renamed' },
      supportEmail: { before: null, after: 'help@audited.test' },
    });
    expect((await kit.request('DELETE', `/resellers/${reseller.id}`, { token: ownerToken })).status).toBe(
      204,
    );
    expect((await kit.request('GET', `/resellers/${reseller.id}`, { token: ownerToken })).status).toBe(404);
  });

  it('a read-only user can list but not create', async () => {
    const { tenant } = await kit.createTenant('Read Only Owner');
    const reader = await kit.createUser(tenant, UserRole.ReadOnly, 'ro-resellers@example.test');
    const token = await kit.login(reader.email);
    expect((await kit.request('GET', '/resellers', { token })).status).toBe(200);
    expect((await create(token, { name: 'Nope' })).status).toBe(403);
  });
});
