import { randomUUID } from 'node:crypto';
import { CDR_QUEUE, type RatedLevel } from '@tollgate/cdr';
import { UserRole } from '@tollgate/db';
import { UnrecoverableError, Worker } from 'bullmq';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';
import { CdrQueue } from './cdr-queue';
import { insertTestCdr } from './cdr-test-fixtures';

interface Level {
  kind: string;
  partyId: string;
  price: string | null;
  margin: string | null;
}

describe('CDR API', () => {
  const prefix = `cdrs-api-${randomUUID()}`;
  let kit: ApiTestKit;
  const tokens = { owner: '', r1: '', r2: '', sibling: '', endUser: '' };
  const ids = {
    owner: '',
    r1: '',
    r2: '',
    sibling: '',
    account: '',
    siblingAccount: '',
    vendor: '',
    cdr: '',
  };

  const get = <T = any>(url: string, token: string) => kit.request<T>('GET', url, { token }); // eslint-disable-line @typescript-eslint/no-explicit-any
  const level = (
    kind: RatedLevel['kind'],
    partyId: string,
    tenantPath: string | null,
    price: string | null,
    margin: string | null,
    problem: string | null = null,
  ): RatedLevel => ({
    kind,
    partyId,
    tenantPath,
    price,
    currency: price === null ? null : 'EUR',
    billedSeconds: price === null ? null : 60,
    rate: null,
    margin,
    problem,
  });

  beforeAll(async () => {
    kit = await ApiTestKit.start({ QUEUE_PREFIX: prefix });
    const owner = await kit.createTenant('CDR Owner');
    const r1 = await kit.createTenant('CDR R1', owner.tenant);
    const r2 = await kit.createTenant('CDR R2', r1.tenant);
    const sibling = await kit.createTenant('CDR Sibling', owner.tenant);
    Object.assign(ids, {
      owner: owner.tenant.id,
      r1: r1.tenant.id,
      r2: r2.tenant.id,
      sibling: sibling.tenant.id,
    });
    tokens.owner = await kit.login(owner.user.email);
    tokens.r1 = await kit.login(r1.user.email);
    tokens.r2 = await kit.login(r2.user.email);
    tokens.sibling = await kit.login(sibling.user.email);
    const account = async (token: string, code: string) =>
      (
        await kit.request<{ id: string }>('POST', '/accounts', {
          token,
          body: { code, name: code, currency: 'EUR' },
        })
      ).body.id;
    ids.account = await account(tokens.r2, 'CDR-A');
    ids.siblingAccount = await account(tokens.sibling, 'CDR-S');
    const endUser = await kit.createUser(
      r2.tenant,
      UserRole.ReadOnly,
      `cdr-end-${randomUUID()}@example.test`,
      ids.account,
    );
    tokens.endUser = await kit.login(endUser.email);
    ids.vendor = (
      await kit.request<{ id: string }>('POST', '/vendors', {
        token: tokens.owner,
        body: { name: 'Carrier', currency: 'EUR' },
      })
    ).body.id;

    ids.cdr = await insertTestCdr(kit.dataSource, {
      tenantId: ids.r2,
      accountId: ids.account,
      vendorId: ids.vendor,
      levels: [
        level('customer', ids.account, null, '0.12', null),
        level('reseller', ids.r2, r2.tenant.path, '0.05', '0.07'),
        level('reseller', ids.r1, r1.tenant.path, '0.04', '0.01'),
        level('vendor', ids.vendor, owner.tenant.path, '0.02', '0.02'),
      ],
    });
    for (const [minute, destination] of [
      [1, '4930111'],
      [2, '447911222'],
      [3, '4420333'],
    ] as const)
      await insertTestCdr(kit.dataSource, {
        tenantId: ids.r2,
        accountId: ids.account,
        destination,
        startedAt: new Date(Date.UTC(2026, 10, 23, 13, minute)),
        direction: minute === 1 ? 'inbound' : 'outbound',
      });
    await insertTestCdr(kit.dataSource, {
      tenantId: ids.r2,
      accountId: ids.account,
      callId: 'unrated@test',
      startedAt: new Date('2026-12-02T08:00:00Z'),
      price: '0.06',
      unratedReason: 'reseller R1: no rate',
      levels: [
        level('customer', ids.account, null, '0.06', null),
        level('reseller', ids.r2, r2.tenant.path, '0.05', '0.01'),
        level('reseller', ids.r1, r1.tenant.path, null, null, `reseller ${ids.r1}: no rate for 4420333 at …`),
      ],
    });
    await insertTestCdr(kit.dataSource, { tenantId: ids.sibling, accountId: ids.siblingAccount });
  });
  afterAll(async () => {
    await kit.app
      .get(CdrQueue)
      .queue.obliterate({ force: true })
      .catch(() => undefined);
    await kit?.close();
  });

  it('shows each level its own price and margin, never a parent’s; an end user its price only', async () => {
    const levelsSeenBy = async (token: string) => {
      const response = await get<{ levels: Level[]; vendorId: string | null }>(`/cdrs/${ids.cdr}`, token);
      expect(response.status).toBe(200);
      return {
        levels: response.body.levels.map((l) => [l.kind, l.partyId, l.price, l.margin]),
        vendorId: response.body.vendorId,
      };
    };
    expect(await levelsSeenBy(tokens.owner)).toEqual({
      levels: [
        ['customer', ids.account, '0.12', null],
        ['reseller', ids.r2, '0.05', '0.07'],
        ['reseller', ids.r1, '0.04', '0.01'],
        ['vendor', ids.vendor, '0.02', '0.02'],
      ],
      vendorId: ids.vendor,
    });
    expect(await levelsSeenBy(tokens.r1)).toEqual({
      levels: [
        ['customer', ids.account, '0.12', null],
        ['reseller', ids.r2, '0.05', '0.07'],
        ['reseller', ids.r1, '0.04', '0.01'],
      ],
      vendorId: null,
    });
    expect(await levelsSeenBy(tokens.r2)).toEqual({
      levels: [
        ['customer', ids.account, '0.12', null],
        ['reseller', ids.r2, '0.05', '0.07'],
      ],
      vendorId: null,
    });
    expect(await levelsSeenBy(tokens.endUser)).toEqual({
      levels: [['customer', ids.account, '0.12', null]],
      vendorId: null,
    });
  });

  it('answers 404 to another tenant and lists none of its CDRs', async () => {
    expect((await get(`/cdrs/${ids.cdr}`, tokens.sibling)).status).toBe(404);
    const siblings = await get<{ data: Array<{ accountId: string }> }>('/cdrs', tokens.sibling);
    expect(siblings.body.data.map((cdr) => cdr.accountId)).toEqual([ids.siblingAccount]);
    const r2 = await get<{ data: Array<{ accountId: string }> }>('/cdrs?limit=200', tokens.r2);
    expect(new Set(r2.body.data.map((cdr) => cdr.accountId))).toEqual(new Set([ids.account]));
    expect((await get(`/cdrs?accountId=${ids.siblingAccount}`, tokens.r2)).body.data).toEqual([]);
  });

  it('explains an unrated CDR only through the levels the caller sees', async () => {
    const list = await get<{ data: Array<{ id: string; callId: string }> }>(
      '/cdrs?ratingStatus=unrated',
      tokens.owner,
    );
    const id = list.body.data.find((cdr) => cdr.callId === 'unrated@test')!.id;
    const reasonFor = async (token: string) =>
      (await get<{ unratedReason: string }>(`/cdrs/${id}`, token)).body.unratedReason;
    expect(await reasonFor(tokens.r1)).toBe(`reseller ${ids.r1}: no rate for 4420333 at …`);
    expect(await reasonFor(tokens.r2)).toBe('a level above yours has no rate for this call yet');
    expect(await reasonFor(tokens.endUser)).toBe('not rated yet');
  });

  it('filters by number, direction and time, and pages by cursor without overlap', async () => {
    const search = async (query: string) =>
      (
        await get<{ data: Array<{ destination: string }>; nextCursor: string | null }>(
          `/cdrs?${query}`,
          tokens.r2,
        )
      ).body;
    expect((await search('number=%2B447911')).data.map((cdr) => cdr.destination)).toEqual(['447911222']);
    expect((await search('direction=inbound')).data.map((cdr) => cdr.destination)).toEqual(['4930111']);
    const window = 'from=2026-11-23T13:00:00Z&to=2026-11-23T13:10:00Z';
    expect((await search(window)).data.map((cdr) => cdr.destination)).toEqual([
      '4420333',
      '447911222',
      '4930111',
    ]);
    const first = await search(`${window}&limit=2&order=asc`);
    const second = await search(`${window}&limit=2&order=asc&cursor=${first.nextCursor}`);
    expect([...first.data, ...second.data].map((cdr) => cdr.destination)).toEqual([
      '4930111',
      '447911222',
      '4420333',
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a bad search with a 400 naming the field, and a vendor the caller may not see with a 404', async () => {
    const bad = await get('/cdrs?from=2026-11-23T13:00:00Z&to=2026-11-23T12:00:00Z', tokens.r2);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'to', reason: 'must be after from' })]);
    expect((await get('/cdrs?number=abc', tokens.r2)).status).toBe(400);
    expect((await get(`/cdrs?vendorId=${ids.vendor}`, tokens.r1)).status).toBe(404);
    const byVendor = await get<{ data: Array<{ id: string }> }>(`/cdrs?vendorId=${ids.vendor}`, tokens.owner);
    expect(byVendor.body.data.map((cdr) => cdr.id)).toEqual([ids.cdr]);
  });

  it('exports a search as CSV, scoped and shaped like the list', async () => {
    const response = await kit.app.inject({
      method: 'GET',
      url: '/cdrs.csv?from=2026-11-23T13:00:00Z&to=2026-11-23T13:10:00Z',
      headers: { authorization: `Bearer ${tokens.r2}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toMatch(/^id,callId,leg,source,accountId,/);
    expect(lines.slice(1).map((line) => line.split(',')[10])).toEqual(['4930111', '447911222', '4420333']);
    const sibling = await kit.app.inject({
      method: 'GET',
      url: '/cdrs.csv',
      headers: { authorization: `Bearer ${tokens.sibling}` },
    });
    expect(sibling.body.trim().split('\n')).toHaveLength(2);
  });

  it('lists the dead-lettered CDR jobs with their reason, to the tenants of their accounts only', async () => {
    const queue = kit.app.get(CdrQueue);
    const job = {
      source: 'rest',
      callId: 'dead@test',
      accountId: ids.account,
      direction: 'outbound',
      destination: '4420',
      startedAt: '2026-11-23T12:00:00Z',
      endedAt: '2026-11-23T12:01:00Z',
      durationSeconds: 60,
      disposition: 'answered',
    } as const;
    await queue.enqueue(job);
    const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
    const worker = new Worker(
      CDR_QUEUE,
      async () => {
        throw new UnrecoverableError('account does not exist');
      },
      { connection, prefix },
    );
    try {
      for (let i = 0; i < 200 && (await queue.queue.getFailedCount()) === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 25));
    } finally {
      await worker.close();
      await connection.quit();
    }
    const seen = await get<{ data: Array<{ callId: string; reason: string }> }>(
      '/cdr-dead-letters',
      tokens.r2,
    );
    expect(seen.body.data).toEqual([
      expect.objectContaining({
        callId: 'dead@test',
        accountId: ids.account,
        reason: 'account does not exist',
      }),
    ]);
    expect((await get('/cdr-dead-letters', tokens.sibling)).body.data).toEqual([]);
  });
});
