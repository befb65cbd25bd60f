import { randomBytes } from 'node:crypto';
import { createTollgateClient, type TollgateClient } from '@tollgate/sdk';
import Redis from 'ioredis';
import { Client } from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginToApi, succeeded } from './operator-data';
import { eventually, logIn, open, OWNER, RESELLER, shot, usePortalPlatform } from './portal-harness';

// The operator's console around the accounts: the dashboard (figures, charts, status lights) and the
// administration pages (API keys, logins, banned IPs, audit log), and what a reseller sees of them.
// Client-side navigations (links, server actions' redirects) are awaited by polling the URL, then the new
// page's content: under load, waitForURL (which also waits for a load event) timed out on one of them.

const platform = usePortalPlatform();
const WORKER_INSTANCE = `console-e2e:${randomBytes(3).toString('hex')}`;
const HEARTBEATS = 'tollgate:cdr-worker:members';
let redis: Redis;
let owner: TollgateClient;

const FIGURES = [
  ['domains', (f: Figures) => f.domains],
  ['servicePlans', (f: Figures) => f.servicePlans.total],
  ['administrators', (f: Figures) => f.administrators],
  ['bannedIps', (f: Figures) => f.bannedIps],
  ['subscribers', (f: Figures) => f.subscribers],
  ['lines', (f: Figures) => f.lines],
  ['dids', (f: Figures) => f.dids.total],
  ['vendors', (f: Figures) => f.vendors],
  ['rateCards', (f: Figures) => f.rateCards.total],
  ['calls', (f: Figures) => f.calls.total],
] as const;
type Figures = Awaited<ReturnType<typeof readFigures>>;
const readFigures = async (client: TollgateClient) => succeeded(client.GET('/dashboard'));

const shownFigures = async (page: Page) =>
  Object.fromEntries(
    await Promise.all(
      FIGURES.map(async ([key]) => [
        key,
        Number(
          await page.locator(`[data-figure="${key}"] [data-figure-value]`).getAttribute('data-figure-value'),
        ),
      ]),
    ),
  );

/**
 * What cdr-worker keeps for the operator's own calls of Kiez Café: two days of traffic and the current
 * hour (the e2e platform runs no cdr-worker, so the aggregates are written as it would write them).
 */
async function writeAggregates(ownerTenantId: string): Promise<void> {
  const database = new Client({ connectionString: platform.database.url });
  await database.connect();
  try {
    const today = new Date().toISOString().slice(0, 10);
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
    const row = `($1, $2, $3, NULL, NULL, 'Germany', 'outbound', 'EUR', $4, $5, 0, $6, $6, $7, $8, $9)`;
    const columns = `(bucket, tenant_id, account_id, via_tenant_id, vendor_id, destination, direction, currency,
      calls, answered_calls, incomplete_calls, duration_seconds, billed_seconds, revenue, cost, margin)`;
    for (const [table, bucket, calls, answered, seconds, revenue, cost, margin] of [
      ['cdr_daily_aggregates', threeDaysAgo, 4, 3, 540, '2.5', '1.1', '1.4'],
      ['cdr_daily_aggregates', today, 3, 2, 270, '1.25', '0.4', '0.85'],
      ['cdr_hourly_aggregates', hour, 3, 2, 270, '1.25', '0.4', '0.85'],
    ] as const)
      await database.query(`INSERT INTO ${table} ${columns} VALUES ${row}`, [
        bucket,
        ownerTenantId,
        platform.ids.kiezCafe,
        calls,
        answered,
        seconds,
        revenue,
        cost,
        margin,
      ]);
  } finally {
    await database.end();
  }
}

beforeAll(async () => {
  redis = new Redis(process.env.REDIS_URL!);
  owner = await platform.owner();
  const me = await succeeded(owner.GET('/auth/me'));
  await writeAggregates(me.tenantId);
});
afterAll(async () => {
  await redis?.zrem(HEARTBEATS, WORKER_INSTANCE);
  redis?.disconnect();
});

describe('the owner', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await platform.newSession());
    await logIn(page, OWNER);
  });
  afterAll(async () => context?.close());

  it("lands on the dashboard with the API's figures, the traffic charts and the status lights", async () => {
    expect(new URL(page.url()).pathname).toBe('/owner');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');
    const figures = await readFigures(owner);
    expect(await shownFigures(page)).toEqual(
      Object.fromEntries(FIGURES.map(([key, read]) => [key, read(figures)])),
    );
    expect(figures.domains).toBe(3);
    expect(await page.locator('[data-figure="servicePlans"]').textContent()).toContain(
      `${figures.servicePlans.active} active`,
    );
    // The month's traffic: 7 calls, exact money totals, a bar per day and a line per money figure.
    const totals = page.locator('tr[data-currency="EUR"]');
    expect(await totals.locator('[data-total="revenue"]').textContent()).toBe('€3.75');
    expect(await totals.locator('[data-total="cost"]').textContent()).toBe('€1.50');
    expect(await totals.locator('[data-total="margin"]').textContent()).toBe('€2.25');
    const calls = page.locator('[data-chart="calls"] svg[role="img"]');
    expect(await calls.getAttribute('aria-label')).toContain('7 calls, 5 answered');
    expect(await page.locator('[data-chart="calls"] rect').count()).toBeGreaterThanOrEqual(30);
    expect(await page.locator('[data-chart="money-EUR"] polyline').count()).toBe(3);
    expect(await page.locator('[data-chart="minutes"] svg').getAttribute('aria-label')).toContain(
      '13.5 minutes',
    );
    const status = page.getByTestId('system-status');
    expect(await status.locator('[data-light="up"]', { hasText: 'PostgreSQL' }).count()).toBe(1);
    expect(await status.locator('[data-light="up"]', { hasText: 'Redis' }).count()).toBe(1);
    expect(await status.locator('li', { hasText: 'Kamailio RPC' }).textContent()).toContain('not configured');
    expect(await status.textContent()).toContain('cdrs');
    await shot(page, 'dashboard');
  });

  it('lights a worker up as soon as it beats, without a reload', async () => {
    const status = page.getByTestId('system-status');
    expect(await status.textContent()).not.toContain(WORKER_INSTANCE);
    await redis.zadd(HEARTBEATS, Date.now(), WORKER_INSTANCE);
    const beating = setInterval(() => void redis.zadd(HEARTBEATS, Date.now(), WORKER_INSTANCE), 2000);
    try {
      await eventually(() => status.locator('[data-light="up"]', { hasText: WORKER_INSTANCE }).count()).toBe(
        1,
      );
    } finally {
      clearInterval(beating);
      await redis.zrem(HEARTBEATS, WORKER_INSTANCE);
    }
  });

  it('charts another period: the last 24 hours by the hour', async () => {
    await page.getByRole('link', { name: 'Last 24 hours' }).click();
    await eventually(() => page.url()).toMatch(/period=24h/);
    await eventually(() =>
      page.getByRole('link', { name: 'Last 24 hours' }).getAttribute('aria-current'),
    ).toBe('true');
    expect(await page.locator('[data-chart="calls"] svg').getAttribute('aria-label')).toContain('3 calls');
    expect(await page.locator('tr[data-currency="EUR"] [data-total="revenue"]').textContent()).toBe('€1.25');
  });

  it('fits a phone: figures and charts in one column', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await open(phone, '/owner');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await shot(phone, 'dashboard-phone');
    await phone.close();
  });

  it('creates an API key whose secret is shown once and works, then revokes it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
    await eventually(() => new URL(page.url()).pathname).toBe('/owner/api-keys');
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    await page.getByRole('button', { name: 'Create key' }).click();
    await eventually(() => page.locator('[data-field-error="name"]').textContent()).toBeTruthy();
    await page.getByLabel('Name').fill('CRM sync');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByTestId('api-key-secret');
    await secret.waitFor();
    const key = (await secret.textContent())!.trim();
    const withKey = createTollgateClient({ baseUrl: platform.api.url, token: key });
    expect((await withKey.GET('/dashboard')).response.status).toBe(200);
    expect(await page.locator('tr[data-key-name="CRM sync"]').textContent()).toContain('active');
    await shot(page, 'api-key-created');
    // Shown once: the page read again lists the key but cannot show its secret.
    await open(page, '/owner/api-keys');
    expect(await page.getByTestId('api-key-secret').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain(key);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke CRM sync' }).click();
    await eventually(() => page.url()).toMatch(/revoked=/);
    await eventually(() => page.locator('tr[data-key-name="CRM sync"]').textContent()).toContain('revoked');
    expect((await withKey.GET('/dashboard')).response.status).toBe(401);
  });

  it('bans an address after the API names a bad one at the field, and unbans it', async () => {
    await open(page, '/owner/banned-ips');
    await page.getByLabel('Address or network').fill('300.1.2.3');
    await page.getByRole('button', { name: 'Ban', exact: true }).click();
    const error = page.locator('[data-field-error="cidr"]');
    await eventually(() => error.textContent()).toBeTruthy();
    expect(await page.getByLabel('Address or network').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Address or network').inputValue()).toBe('300.1.2.3');
    await shot(page, 'banned-ips-field-error');
    await page.getByLabel('Address or network').fill('203.0.113.77');
    await page.getByLabel('Reason').fill('SIP scanner');
    await page.getByRole('button', { name: 'Ban', exact: true }).click();
    await eventually(() => page.locator('main').textContent()).toContain('203.0.113.77/32 is banned.');
    await eventually(() => page.locator('tr[data-cidr="203.0.113.77/32"]').count()).toBe(1);
    const bans = await succeeded(
      owner.GET('/banned-ips', { params: { query: { contains: '203.0.113.77' } } }),
    );
    expect(bans.data.map((ban) => [ban.cidr, ban.reason])).toEqual([['203.0.113.77/32', 'SIP scanner']]);
    await shot(page, 'banned-ips');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Unban 203.0.113.77/32' }).click();
    await eventually(() => page.url()).toMatch(/lifted=/);
    await eventually(() => page.locator('tr[data-cidr="203.0.113.77/32"]').count()).toBe(0);
    const after = await succeeded(
      owner.GET('/banned-ips', { params: { query: { contains: '203.0.113.77' } } }),
    );
    expect(after.data).toEqual([]);
  });

  it('finds its own actions in the audit log, filtered by actor and action', async () => {
    await open(page, '/owner/audit-log');
    await page.getByLabel('Who').selectOption({ label: OWNER.email });
    await page.getByLabel('Action').fill('banned-ip.create');
    await page.getByRole('button', { name: 'Filter' }).click();
    await eventually(() => page.url()).toMatch(/action=banned-ip\.create/);
    const rows = page.locator('tbody tr[data-action="banned-ip.create"]');
    await eventually(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(OWNER.email);
    expect(await page.locator('tbody tr:not([data-action="banned-ip.create"])').count()).toBe(0);
    await page.getByLabel('Action').fill('banned-ip.delete');
    await page.getByRole('button', { name: 'Filter' }).click();
    await eventually(() => page.url()).toMatch(/action=banned-ip\.delete/);
    await eventually(() => page.locator('tbody tr[data-action="banned-ip.delete"]').count()).toBe(1);
    await open(page, '/owner/audit-log?action=api-key.revoke');
    expect(await page.locator('tbody tr[data-action="api-key.revoke"]').count()).toBe(1);
    await shot(page, 'audit-log');
  });

  it('adds a login with the API naming a short password, then deactivates it', async () => {
    await open(page, '/owner/administrators');
    expect(await page.getByRole('table').textContent()).toContain(OWNER.email);
    await page.getByRole('link', { name: 'New login' }).first().click();
    await eventually(() => new URL(page.url()).pathname).toBe('/owner/administrators/new');
    await page.getByRole('heading', { level: 1, name: 'New login' }).waitFor();
    const email = `night-shift-${randomBytes(3).toString('hex')}@demo.example`;
    await page.getByLabel('Name').fill('Night Shift');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('First password').fill('short');
    await page.getByLabel('Role').selectOption('read_only');
    await page.getByRole('button', { name: 'Create login' }).click();
    await eventually(() => page.locator('[data-field-error="password"]').textContent()).toContain(
      '12 characters',
    );
    expect(await page.getByLabel('E-mail').inputValue()).toBe(email);
    expect(await page.getByLabel('Role').inputValue()).toBe('read_only');
    await page.getByLabel('First password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create login' }).click();
    await eventually(() => page.url()).toMatch(/\/owner\/administrators\?created=/);
    await page.getByRole('link', { name: 'Night Shift' }).click();
    await eventually(() => page.url()).toMatch(/\/owner\/administrators\/[0-9a-f-]{36}$/);
    // The role chosen before the field error is the one the login got.
    await eventually(() => page.getByLabel('Role').inputValue()).toBe('read_only');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await eventually(() => page.url()).toMatch(/deactivated=1/);
    await eventually(() => page.locator('main').textContent()).toContain('Night Shift is deactivated');
    const login = await createTollgateClient({ baseUrl: platform.api.url }).POST('/auth/login', {
      body: { email, password: 'a long enough password' },
    });
    expect(login.response.status).toBe(401);
  });
});

describe("the operator's read-only colleague", () => {
  it('sees the dashboard, and the administration pages say they are for administrators', async () => {
    const email = `read-only-${randomBytes(3).toString('hex')}@demo.example`;
    const password = 'a read-only password';
    await succeeded(
      owner.POST('/users', {
        body: { email, password, displayName: 'Auditor', role: 'read_only', active: true },
      }),
    );
    const { context, page } = await platform.newSession();
    try {
      await logIn(page, { email, password });
      expect(new URL(page.url()).pathname).toBe('/owner');
      // Any login of the operator sees the operator's figures.
      const figures = await readFigures(owner);
      expect(await shownFigures(page)).toEqual(
        Object.fromEntries(FIGURES.map(([key, read]) => [key, read(figures)])),
      );
      for (const path of ['/owner/api-keys', '/owner/administrators', '/owner/audit-log']) {
        await open(page, path);
        expect(await page.locator('main').textContent(), path).toContain('Administrators only');
        expect(await page.getByRole('button', { name: 'Create key' }).count()).toBe(0);
      }
    } finally {
      await context.close();
    }
  });
});

describe('a reseller', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await platform.newSession());
    await logIn(page, RESELLER);
  });
  afterAll(async () => context?.close());

  it("lands on a dashboard of its own subtree: its figures, none of the owner's traffic or health", async () => {
    expect(new URL(page.url()).pathname).toBe('/reseller');
    const own = await readFigures(await loginToApi(platform.api.url, RESELLER.email, RESELLER.password));
    const shown = await shownFigures(page);
    expect(shown).toEqual(Object.fromEntries(FIGURES.map(([key, read]) => [key, read(own)])));
    const owners = await readFigures(owner);
    expect(shown.domains).not.toBe(owners.domains);
    expect(shown.subscribers).toBeLessThan(owners.subscribers);
    expect(await page.locator('main').textContent()).toContain('No calls in this period');
    expect(await page.locator('tr[data-currency]').count()).toBe(0);
    expect(await page.getByTestId('system-status').count()).toBe(0);
    expect((await context.request.get('/dashboard-status-feed')).status()).toBe(404);
    await shot(page, 'reseller-dashboard');
  });

  it("cannot open the owner's administration pages by URL, and its own show only its subtree", async () => {
    for (const path of [
      '/owner',
      '/owner/api-keys',
      '/owner/administrators',
      '/owner/banned-ips',
      '/owner/audit-log',
    ]) {
      await open(page, path);
      expect(await page.getByRole('heading', { level: 1 }).textContent(), path).toBe('Not found');
    }
    await open(page, '/reseller/banned-ips');
    expect(await page.locator('main').textContent()).toContain('Nothing is banned');
    await open(page, '/reseller/audit-log');
    expect(await page.locator('main').textContent()).not.toContain('banned-ip.create');
    await open(page, '/reseller/administrators');
    const logins = (await page.getByRole('table').textContent()) ?? '';
    expect(logins).toContain(RESELLER.email);
    expect(logins).not.toContain(OWNER.email);
  });
});
