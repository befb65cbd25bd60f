import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_OPERATOR, migrateDatabase } from '@tollgate/db';
import { createTestDatabase, type TestDatabase } from '@tollgate/db/testing';
import { ensureDebianPackages } from '@tollgate/kamailio/testing';
import type { TollgateClient } from '@tollgate/sdk';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { loginToApi, succeeded } from './operator-data';
import { BrowserTrace } from './browser-trace';
import { type RedisKeys, type RunningProcess, startBuiltApi, startBuiltPortal } from './platform-processes';

// Each e2e file gets a platform of its own: a database with the demo operator (plus a rival reseller and
// an end user's login), the built API and the built portal, and Debian's Chromium driven by playwright-core
// (never a downloaded browser). Files never see each other's data.

const CHROMIUM = '/usr/bin/chromium';
const REPOSITORY = resolve(__dirname, '..', '..', '..');
// npm test leaves docs/ alone; UPDATE_SCREENSHOTS=1 writes the README's screenshots.
const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? join(REPOSITORY, 'docs', 'screenshots')
    : join(REPOSITORY, '.data', 'test', 'screenshots');

export const PASSWORD = DEMO_OPERATOR.ownerPassword;
export const OWNER = { email: DEMO_OPERATOR.ownerEmail, password: PASSWORD };
export const RESELLER = { email: DEMO_OPERATOR.resellerEmail, password: PASSWORD };
export const END_USER = { email: 'atelier@lumiere.example', password: 'atelier-portal-password' };

export interface PortalPlatformOptions {
  /**
   * A credit-pool and queue key prefix of its own in the shared Redis: needed by a file that runs call
   * control or cdr-worker (sip-harness.ts), which would otherwise meter, end and settle other files' calls.
   */
  readonly ownRedisKeys?: boolean;
}

export interface PortalPlatform {
  readonly database: TestDatabase;
  readonly api: RunningProcess;
  /** The token the API expects from Kamailio on /rating/*. */
  readonly ratingApiToken: string;
  /** The prefixes the API runs with when `ownRedisKeys` was asked for; else the apps' defaults. */
  readonly redisKeys: RedisKeys | undefined;
  readonly portal: RunningProcess;
  readonly browser: Browser;
  /** Ids of the demo operator's data the tests refer to. */
  readonly ids: { kiezCafe: string; atelier: string; rivalReseller: string; rivalAccount: string };
  /** The REST API logged in as the demo owner (for set-up and for checking what the portal did). */
  owner(): Promise<TollgateClient>;
  newSession(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * Starts a platform for the calling e2e file (in its beforeAll) and stops it after the file. The returned
 * object is filled in once beforeAll has run: use it inside hooks and tests only.
 */
export function usePortalPlatform(options: PortalPlatformOptions = {}): PortalPlatform {
  const unique = randomUUID().slice(0, 8);
  const trace = new BrowserTrace();
  const platform = {
    ids: { kiezCafe: '', atelier: '', rivalReseller: '', rivalAccount: '' },
    ratingApiToken: randomBytes(24).toString('hex'),
    redisKeys: options.ownRedisKeys
      ? { creditPoolKeyPrefix: `portal-e2e-${unique}`, queuePrefix: `portal-e2e-queues-${unique}` }
      : undefined,
  } as PortalPlatform & Record<string, unknown>;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) ensureDebianPackages(['chromium']);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const database = await createTestDatabase();
    Object.assign(platform, { database });
    await migrateDatabase(database.url, { seedDemo: true });
    const api = await startBuiltApi({
      databaseUrl: database.url,
      redisUrl: process.env.REDIS_URL!,
      authSecret: randomBytes(32).toString('hex'),
      ratingApiToken: platform.ratingApiToken,
      ...(platform.redisKeys ? { redisKeys: platform.redisKeys } : {}),
    });
    Object.assign(platform, { api });
    const owner = () => loginToApi(api.url, OWNER.email, OWNER.password);
    Object.assign(platform, { owner, ids: await createOperatorData(api.url) });
    const portal = await startBuiltPortal(api.url);
    Object.assign(platform, { portal });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    Object.assign(platform, {
      browser,
      newSession: async (viewport = { width: 1280, height: 860 }) => {
        const context = await browser.newContext({ viewport, baseURL: portal.url });
        await trace.follow(context);
        return { context, page: await context.newPage() };
      },
    });
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      reportFailure(task.name, platform, trace);
      await photographOpenPages(task.name, platform.browser);
    }
    trace.clear();
  });
  afterAll(async () => {
    const { browser, portal, api, database } = platform as Partial<PortalPlatform>;
    await browser?.close();
    await portal?.stop();
    await api?.stop();
    await database?.drop();
  });
  return platform;
}

const PROCESS_OUTPUT_CHARS = 6000;

function reportFailure(test: string, platform: Partial<PortalPlatform>, trace: BrowserTrace): void {
  const tail = (process: RunningProcess | undefined) => process?.output().slice(-PROCESS_OUTPUT_CHARS) ?? '';
  console.error(
    [
      `━━ "${test}" failed: what the browser did ━━`,
      ...trace.report(),
      '━━ the portal said ━━',
      tail(platform.portal),
      '━━ the API said ━━',
      tail(platform.api),
    ].join('\n'),
  );
}

/** Each open page as the failing test left it, under .data/test/failures/. */
async function photographOpenPages(test: string, browser: Browser | undefined): Promise<void> {
  const pages = browser?.contexts().flatMap((context) => context.pages()) ?? [];
  const directory = join(REPOSITORY, '.data', 'test', 'failures');
  mkdirSync(directory, { recursive: true });
  const name = test.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
  for (const [index, page] of pages.entries()) {
    const path = join(directory, `${name}-${index + 1}.png`);
    await page.screenshot({ path, fullPage: true }).catch(() => undefined);
    console.error(`the page at ${page.url()} as the test left it: ${path}`);
  }
}

/** A second reseller with a customer (what the demo reseller must never reach), and an end user's login. */
async function createOperatorData(apiUrl: string): Promise<PortalPlatform['ids']> {
  const owner = await loginToApi(apiUrl, OWNER.email, OWNER.password);
  const reseller = await succeeded(
    owner.POST('/resellers', {
      body: {
        name: 'Rival Voice',
        settings: { defaultCurrency: 'EUR', defaultTimezone: 'Europe/Paris', brandName: 'Rival Voice' },
      },
    }),
  );
  const rivalAccount = await succeeded(
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
  const accounts = await succeeded(owner.GET('/accounts', { params: { query: { limit: 50 } } }));
  const ids = {
    kiezCafe: accounts.data.find((a) => a.code === 'DT-1001')!.id,
    atelier: accounts.data.find((a) => a.code === 'DR-2001')!.id,
    rivalReseller: reseller.id,
    rivalAccount: rivalAccount.id,
  };
  const demoReseller = await loginToApi(apiUrl, RESELLER.email, RESELLER.password);
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
  return ids;
}

export async function logIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await open(page, '/login');
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** A page, once its heading is there (loading skeletons have none) and React has hydrated it. */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator('h1').first().waitFor();
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
}

/**
 * Chooses an account in an account picker (app/ui/account-picker.tsx) as a user does: types part of its
 * code or name, waits for the matches the portal reads from the API, and clicks the one named `choice`.
 */
export async function pickAccount(field: Locator, typed: string, choice: string): Promise<void> {
  await field.fill(typed);
  const suggestions = field.page().locator(`[id="${await field.getAttribute('aria-controls')}"]`);
  await suggestions.getByRole('option', { name: choice, exact: true }).click();
  await eventually(() => field.inputValue()).toBe(choice);
}

/** Server actions and navigations take their time on a busy machine. */
export const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000 });

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
