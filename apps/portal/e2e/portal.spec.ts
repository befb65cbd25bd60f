import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { callCommandsStream, CreditPools, decodeCallCommand } from '@tollgate/credit-pools';
import { eurRate, prepaid } from '@tollgate/credit-pools/testing';
import { DEMO_OPERATOR, migrateDatabase } from '@tollgate/db';
import { createTestDatabase, type TestDatabase } from '@tollgate/db/testing';
import { ensureDebianPackages } from '@tollgate/kamailio/testing';
import Redis from 'ioredis';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginToApi, succeeded } from './operator-data';
import { type RunningProcess, startBuiltApi, startBuiltPortal } from './platform-processes';

// The three portals in Debian's Chromium, driven by playwright-core (never a downloaded browser),
// against the built API on a database of its own with the demo operator, and the built portal.

const CHROMIUM = '/usr/bin/chromium';
const REPOSITORY = resolve(__dirname, '..', '..', '..');
// npm test leaves docs/ alone; UPDATE_SCREENSHOTS=1 writes the README's screenshots.
const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? join(REPOSITORY, 'docs', 'screenshots')
    : join(REPOSITORY, '.data', 'test', 'screenshots');
const PASSWORD = DEMO_OPERATOR.ownerPassword;
const RESELLER_COLOUR = '#0f766e';
const END_USER = { email: 'atelier@lumiere.example', password: 'atelier-portal-password' };

let database: TestDatabase;
let api: RunningProcess;
let portal: RunningProcess;
let browser: Browser;
let redis: Redis;
let pools: CreditPools;
const rival = { accountId: '' };
const ids = { kiezCafe: '', atelier: '' };

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) ensureDebianPackages(['chromium']);
  mkdirSync(SCREENSHOTS, { recursive: true });
  database = await createTestDatabase();
  await migrateDatabase(database.url, { seedDemo: true });
  api = await startBuiltApi({
    databaseUrl: database.url,
    redisUrl: process.env.REDIS_URL!,
    authSecret: randomBytes(32).toString('hex'),
    ratingApiToken: randomBytes(24).toString('hex'),
  });
  await createOperatorData();
  portal = await startBuiltPortal(api.url);
  redis = new Redis(process.env.REDIS_URL!);
  pools = new CreditPools(redis);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
  await portal?.stop();
  await api?.stop();
  await database?.drop();
});

/** A second reseller with a customer (what the demo reseller must never reach), and an end user's login. */
async function createOperatorData(): Promise<void> {
  const owner = await loginToApi(api.url, DEMO_OPERATOR.ownerEmail, PASSWORD);
  const reseller = await succeeded(
    owner.POST('/resellers', {
      body: {
        name: 'Rival Voice',
        settings: { defaultCurrency: 'EUR', defaultTimezone: 'Europe/Paris', brandName: 'Rival Voice' },
      },
    }),
  );
  const account = await succeeded(
    owner.POST('/accounts', {
      body: {
        tenantId: reseller.id,
        code: 'RV-1',
        name: 'Rival Customer',
        billingType: 'prepaid',
        status: 'active',
      },
    }),
  );
  rival.accountId = account.id;
  const accounts = await succeeded(owner.GET('/accounts', { params: { query: { limit: 50 } } }));
  ids.kiezCafe = accounts.data.find((a) => a.code === 'DT-1001')!.id;
  ids.atelier = accounts.data.find((a) => a.code === 'DR-2001')!.id;
  const demoReseller = await loginToApi(api.url, DEMO_OPERATOR.resellerEmail, PASSWORD);
  await succeeded(
    demoReseller.POST('/users', {
      body: {
        email: END_USER.email,
        password: END_USER.password,
        displayName: 'Camille Lumière',
        role: 'admin',
        active: true,
        accountId: ids.atelier,
      },
    }),
  );
}

async function newSession(
  viewport = { width: 1280, height: 860 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, baseURL: portal.url });
  return { context, page: await context.newPage() };
}

async function logIn(page: Page, email: string, password: string): Promise<void> {
  await open(page, '/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** A page, once its heading is there (loading skeletons have none). */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator('h1').first().waitFor();
}

/** Server actions and navigations take their time on a busy machine. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

describe('the login page', () => {
  it("shows the API's field errors next to the fields, and a wrong password as such", async () => {
    const { context, page } = await newSession();
    await open(page, '/login');
    await page.getByRole('button', { name: 'Log in' }).click();
    await eventually(() => page.locator('[data-field-error="email"]').textContent()).toBeTruthy();
    expect(await page.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'login-field-errors');
    await page.getByLabel('E-mail').fill(DEMO_OPERATOR.ownerEmail);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await eventually(() => page.locator('form [role="alert"]').textContent()).toContain(
      'Wrong e-mail or password',
    );
    await context.close();
  });

  it('sends a visitor without a session to the login page', async () => {
    const { context, page } = await newSession();
    await open(page, '/owner/accounts');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });
});

describe('the owner', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await newSession());
    await logIn(page, DEMO_OPERATOR.ownerEmail, PASSWORD);
  });
  afterAll(async () => context?.close());

  it('lands in the operator console and sees every account of the platform', async () => {
    expect(new URL(page.url()).pathname).toBe('/owner/accounts');
    await eventually(() => page.getByTestId('brand-name').textContent()).toContain('Demo Telecom');
    const table = page.getByRole('table');
    for (const code of ['DT-1001', 'DT-1002', 'DR-2001', 'RV-1'])
      expect(await table.textContent()).toContain(code);
    await shot(page, 'owner-accounts');
  });

  it('searches accounts on the server', async () => {
    await page.getByLabel('Search').fill('Nordwind');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/search=Nordwind/);
    // The URL changes first; the server's page of results replaces the loading state a moment later.
    const rows = () => page.getByRole('table').locator('tbody tr').allTextContents();
    await expect.poll(rows, { timeout: 10_000 }).toHaveLength(1);
    expect((await rows())[0]).toContain('DT-1002');
    await page.getByLabel('Search').fill('no such customer');
    await page.getByRole('button', { name: 'Search' }).click();
    await eventually(() => page.getByRole('status').first().textContent()).toContain('No account matches');
  });

  it('opens an account with its balance, lines and ledger', async () => {
    await open(page, `/owner/accounts/${ids.kiezCafe}`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('Kiez Café Berlin');
    expect(await page.locator('main').textContent()).toContain('kiezcafe-1@');
    expect(await page.getByRole('heading', { name: 'Recent ledger' }).isVisible()).toBe(true);
    await shot(page, 'owner-account');
  });

  it('credits a top-up once, with a bad amount named at the field', async () => {
    await open(page, `/owner/accounts/${ids.kiezCafe}`);
    await page.getByLabel('Amount (EUR)').fill('12,50');
    await page.getByRole('button', { name: 'Credit top-up' }).click();
    await eventually(() => page.locator('[data-field-error="amount"]').textContent()).toBeTruthy();
    await page.getByLabel('Amount (EUR)').fill('12.50');
    await page.getByLabel('Payment reference').fill('SEPA-4711');
    await page.getByRole('button', { name: 'Credit top-up' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: 'credited' }).textContent()).toContain(
      '€12.50 credited',
    );
    const owner = await loginToApi(api.url, DEMO_OPERATOR.ownerEmail, PASSWORD);
    const ledger = await succeeded(
      owner.GET('/accounts/{id}/ledger', {
        params: { path: { id: ids.kiezCafe }, query: { kind: 'top_up' } },
      }),
    );
    const credited = ledger.data.filter((entry) => entry.reference === 'SEPA-4711');
    expect(credited.map((entry) => entry.amount)).toEqual([expect.stringMatching(/^12\.50*$/)]);
  });

  it("shows the API's field errors next to the fields of the account form, then creates the account", async () => {
    await open(page, '/owner/accounts/new');
    await page.getByRole('button', { name: 'Create account' }).click();
    await eventually(() => page.locator('[data-field-error="code"]').textContent()).toBeTruthy();
    expect(await page.locator('[data-field-error="name"]').textContent()).toBeTruthy();
    await page.getByLabel('Code').fill('DT-2000');
    await page.getByLabel('Name').fill('Bäckerei Sonnenschein');
    await page.getByLabel('Billing e-mail').fill('not-an-e-mail');
    await page.getByRole('button', { name: 'Create account' }).click();
    await eventually(() => page.locator('[data-field-error="email"]').textContent()).toBeTruthy();
    expect(await page.getByLabel('Code').inputValue()).toBe('DT-2000');
    await shot(page, 'account-form-errors');
    await page.getByLabel('Billing e-mail').fill('hallo@sonnenschein.example');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/owner\/accounts\/[0-9a-f-]{36}\?created=1/);
    expect(await page.getByRole('status').first().textContent()).toContain('The account is created');
  });

  it('follows the live calls, and says when there are none', async () => {
    await open(page, '/owner/live-calls');
    await eventually(() => page.locator('main').textContent()).toContain('No calls right now');
    await shot(page, 'live-calls');
  });

  it('shows a live call with its running cost updated without reload, and ends it', async () => {
    // What authorize and begin leave in Redis for an answered call (no SIP here: infra/kamailio's suite
    // covers Kamailio and call control); metering and the end are call control's part, played below.
    const callId = `portal-e2e-${randomBytes(3).toString('hex')}`;
    const call = { accountId: ids.kiezCafe, callId, fromTag: 'f' };
    await pools.reserve({
      ...call,
      seed: prepaid('46.794'),
      rate: eurRate({ prefix: '49' }),
      maxCalls: null,
      details: { destination: '4930123456', direction: 'outbound', callerNumber: '493023125010' },
    });
    await pools.begin({ ...call, toTag: 't' });
    await page.getByRole('button', { name: `End call ${callId}` }).waitFor();
    const runningCost = page.getByTestId('running-cost');
    const before = await runningCost.textContent();
    await pools.meter(ids.kiezCafe, new Date(Date.now() + 90_000));
    await eventually(() => runningCost.textContent()).not.toBe(before);
    await shot(page, 'live-call');
    const commands = callCommandsStream(pools.keyPrefix);
    const seen = await redis.xlen(commands);
    await page.getByRole('button', { name: `End call ${callId}` }).click();
    await eventually(async () =>
      (await redis.xrange(commands, '-', '+')).slice(seen).map(([, fields]) => decodeCallCommand(fields)),
    ).toContainEqual(expect.objectContaining({ kind: 'end-call', accountId: ids.kiezCafe, callId }));
    await pools.end({ ...call, toTag: 't', cost: '0.90' });
    await eventually(() => page.locator('main').textContent()).toContain('No calls right now');
  });

  it("lists the resellers with their brand, and a reseller's page is not the owner's", async () => {
    await open(page, '/owner/resellers');
    await eventually(() => page.getByRole('table').textContent()).toContain('Rival Voice');
    await open(page, '/reseller/accounts');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
  });
});

describe('a reseller', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await newSession());
    await logIn(page, DEMO_OPERATOR.resellerEmail, PASSWORD);
  });
  afterAll(async () => context?.close());

  it('lands in its console under its own brand and sees only its customers', async () => {
    expect(new URL(page.url()).pathname).toBe('/reseller/accounts');
    await eventually(() => page.getByTestId('brand-name').textContent()).toContain('Demo Reseller');
    const table = (await page.getByRole('table').textContent()) ?? '';
    expect(table).toContain('DR-2001');
    expect(table).not.toContain('DT-1001');
    expect(table).not.toContain('RV-1');
    await shot(page, 'reseller-accounts');
  });

  it("cannot reach another reseller's customer by URL: a not-found page", async () => {
    await open(page, `/reseller/accounts/${rival.accountId}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
    await open(page, `/reseller/accounts/${ids.kiezCafe}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
    await open(page, '/owner/accounts');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
  });

  it('changes its brand, with the API naming a bad colour at the field', async () => {
    await open(page, '/reseller/settings');
    await page.getByLabel('Main colour').fill('purple');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await eventually(() => page.locator('[data-field-error="primaryColor"]').textContent()).toBeTruthy();
    await shot(page, 'reseller-settings-errors');
    await page.getByLabel('Main colour').fill(RESELLER_COLOUR);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.waitForURL(/saved=1/);
    expect(await page.locator('[data-area]').getAttribute('style')).toContain(RESELLER_COLOUR);
  });

  it('works on a phone-sized screen, the navigation behind a menu button', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await open(phone, '/reseller/accounts');
    const menu = phone.locator('button[aria-controls="primary-navigation"]');
    expect(await menu.textContent()).toBe('Menu');
    expect(await phone.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await phone.getByRole('link', { name: 'Live calls' }).isVisible()).toBe(true);
    await shot(phone, 'phone-menu');
    await phone.close();
  });
});

describe('an end user', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await newSession());
    await logIn(page, END_USER.email, END_USER.password);
  });
  afterAll(async () => context?.close());

  it("lands on its balance under its reseller's brand", async () => {
    expect(new URL(page.url()).pathname).toBe('/my');
    await eventually(() => page.getByTestId('brand-name').textContent()).toContain('Demo Reseller');
    expect(await page.locator('[data-area]').getAttribute('style')).toContain(RESELLER_COLOUR);
    expect(await page.getByTestId('my-balance').textContent()).toMatch(/€/);
    await shot(page, 'my-balance');
  });

  it('sees only its own lines, with SIP credentials to copy and a new password shown once', async () => {
    await open(page, '/my/lines');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('lumiere-1');
    expect(main).toContain('lumiere-2');
    expect(main).not.toContain('kiezcafe');
    expect(main).not.toContain('nordwind');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Set a new password' }).first().click();
    await eventually(() => page.getByTestId('sip-password').textContent()).toMatch(/^\S{20}$/);
    await shot(page, 'my-lines');
  });

  it('sees only its own numbers', async () => {
    await open(page, '/my/dids');
    expect(await page.locator('main').textContent()).toContain('My numbers');
    const rows = await page.getByRole('table').locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain('+33199001');
  });

  it('prices a call on its plan, and says which field is wrong', async () => {
    await open(page, '/my/call-cost');
    await page.getByLabel('Number to call').fill('+33 6 12 34 56 78');
    await page.getByRole('button', { name: 'What will it cost?' }).click();
    await eventually(() => page.getByTestId('quote-total').textContent()).toMatch(/€/);
    expect(await page.locator('main').textContent()).toContain('France - Mobile');
    await shot(page, 'call-cost');
    await page.getByLabel('Number to call').fill('');
    await page.getByRole('button', { name: 'What will it cost?' }).click();
    await eventually(() => page.locator('[data-field-error="destination"]').textContent()).toBeTruthy();
  });

  it("cannot open an operator's page or another account", async () => {
    await open(page, '/reseller/accounts');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
    await open(page, `/owner/accounts/${ids.kiezCafe}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
  });

  it('changes its password and stays logged in; a mismatch is named at the field', async () => {
    await open(page, '/password');
    await page.getByLabel('Current password').fill(END_USER.password);
    await page.getByLabel('New password', { exact: true }).fill('a-brand-new-password');
    await page.getByLabel('New password again').fill('something else entirely');
    await page.getByRole('button', { name: 'Change password' }).click();
    await eventually(() => page.locator('[data-field-error="confirmPassword"]').textContent()).toBeTruthy();
    // React resets a form after its action: every field is typed again, as a user would.
    await page.getByLabel('Current password').fill(END_USER.password);
    await page.getByLabel('New password', { exact: true }).fill('a-brand-new-password');
    await page.getByLabel('New password again').fill('a-brand-new-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('Your password is changed');
    await open(page, '/my');
    expect(new URL(page.url()).pathname).toBe('/my');
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login\?reason=signed-out/);
    await open(page, '/my');
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});

describe('an expiring session', () => {
  const sessionCookie = async (context: BrowserContext) =>
    (await context.cookies()).find((cookie) => cookie.name === 'tollgate_session')!;
  const rewrite = async (context: BrowserContext, change: (session: Record<string, unknown>) => void) => {
    const cookie = await sessionCookie(context);
    const session = JSON.parse(Buffer.from(cookie.value, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    change(session);
    await context.addCookies([
      { ...cookie, value: Buffer.from(JSON.stringify(session)).toString('base64url') },
    ]);
  };

  it('is refreshed without the user noticing while the refresh token is good', async () => {
    const { context, page } = await newSession();
    await logIn(page, DEMO_OPERATOR.ownerEmail, PASSWORD);
    const before = await sessionCookie(context);
    await rewrite(context, (session) => (session.accessExpiresAt = Date.now() - 1000));
    // Requests racing with the same single-use refresh token all go through (they share one refresh).
    const racing = await Promise.all(
      ['/owner/accounts', '/owner/resellers', '/owner/live-calls'].map((path) => context.request.get(path)),
    );
    expect(racing.map((answer) => new URL(answer.url()).pathname)).toEqual([
      '/owner/accounts',
      '/owner/resellers',
      '/owner/live-calls',
    ]);
    await open(page, '/owner/lines');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Lines');
    expect((await sessionCookie(context)).value).not.toBe(before.value);
    await context.close();
  });

  it('sends the user back to the login page with a message once the API refuses it', async () => {
    const { context, page } = await newSession();
    await logIn(page, DEMO_OPERATOR.resellerEmail, PASSWORD);
    await rewrite(context, (session) => {
      session.accessToken = 'revoked';
      session.refreshToken = 'revoked-refresh-token-000000';
      session.accessExpiresAt = Date.now() - 1000;
    });
    await open(page, '/reseller/accounts');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByRole('status').first().textContent()).toContain('Your session has expired');
    await shot(page, 'session-expired');
    // A token the API stops accepting mid-session (not yet due for refresh) ends the same way.
    await logIn(page, DEMO_OPERATOR.resellerEmail, PASSWORD);
    await rewrite(context, (session) => (session.accessToken = 'revoked'));
    await open(page, '/reseller/lines');
    await page.waitForURL(/\/login\?reason=expired/);
    expect(await page.getByRole('status').first().textContent()).toContain('Your session has expired');
    await context.close();
  });
});
