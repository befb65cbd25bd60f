import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { succeeded } from './operator-data';
import { startBuiltPortal } from './platform-processes';
import { eventually, logIn, open, OWNER, RESELLER, shot, usePortalPlatform } from './portal-harness';

// Logging in, the way out when there is no session, and sessions expiring under the user's feet.

const platform = usePortalPlatform();

describe('the login page', () => {
  it("shows the API's field errors next to the fields, and a wrong password as such", async () => {
    const { context, page } = await platform.newSession();
    await open(page, '/login');
    await page.getByRole('button', { name: 'Log in' }).click();
    await eventually(() => page.locator('[data-field-error="email"]').textContent()).toBeTruthy();
    expect(await page.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'login-field-errors');
    await page.getByLabel('E-mail').fill(OWNER.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await eventually(() => page.locator('form [role="alert"]').textContent()).toContain(
      'Wrong e-mail or password',
    );
    await context.close();
  });

  it('sends a visitor without a session to the login page', async () => {
    const { context, page } = await platform.newSession();
    await open(page, '/owner/accounts');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
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
    const { context, page } = await platform.newSession();
    await logIn(page, OWNER);
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
    const { context, page } = await platform.newSession();
    await logIn(page, RESELLER);
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
    await logIn(page, RESELLER);
    await rewrite(context, (session) => (session.accessToken = 'revoked'));
    await open(page, '/reseller/lines');
    await page.waitForURL(/\/login\?reason=expired/);
    expect(await page.getByRole('status').first().textContent()).toContain('Your session has expired');
    await context.close();
  });
});

describe("the browser's address, as the API sees it", () => {
  const FORGED = '203.0.113.77';

  /** Logs in through `portalUrl` claiming to come from FORGED, changes a setting, and says the audited address. */
  async function auditedAddressVia(portalUrl: string, colour: string): Promise<string | null | undefined> {
    const context = await platform.browser.newContext({
      baseURL: portalUrl,
      extraHTTPHeaders: { 'X-Forwarded-For': FORGED },
    });
    const page = await context.newPage();
    await logIn(page, RESELLER);
    await open(page, '/reseller/settings');
    await page.getByLabel('Main colour').fill(colour);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.waitForURL(/saved=1/);
    await context.close();
    const owner = await platform.owner();
    const { data } = await owner.GET('/audit-log', { params: { query: { limit: 1 } } });
    return data?.data[0]?.ip;
  }

  it("is the socket's peer: an X-Forwarded-For the browser makes up is not believed", async () => {
    expect(await auditedAddressVia(platform.portal.url, '#1d4ed8')).toBe('127.0.0.1');
  });

  it('is what a proxy named in PORTAL_TRUSTED_PROXIES says', async () => {
    const behindProxy = await startBuiltPortal(platform.api.url, { PORTAL_TRUSTED_PROXIES: '127.0.0.1/32' });
    try {
      expect(await auditedAddressVia(behindProxy.url, '#7c3aed')).toBe(FORGED);
      expect(await deckImportAuditedAddressVia(behindProxy.url)).toBe(FORGED);
    } finally {
      await behindProxy.stop();
    }
  });

  /** Uploads a rate deck through `portalUrl` (a route handler, not a server action); says the audited address. */
  async function deckImportAuditedAddressVia(portalUrl: string): Promise<string | null | undefined> {
    const owner = await platform.owner();
    const card = await succeeded(
      owner.POST('/rate-cards', { body: { name: 'E2E address deck', kind: 'sell', currency: 'EUR' } }),
    );
    const context = await platform.browser.newContext({
      baseURL: portalUrl,
      extraHTTPHeaders: { 'X-Forwarded-For': FORGED },
    });
    const page = await context.newPage();
    await logIn(page, OWNER);
    await open(page, `/owner/rate-cards/${card.id}`);
    const deck =
      'prefix,destination,price,connect_fee,first_interval,next_interval\n44,United Kingdom,0.0130,0,60,60\n';
    await page
      .getByLabel('Deck file')
      .setInputFiles({ name: 'deck.csv', mimeType: 'text/csv', buffer: Buffer.from(deck) });
    await page.getByRole('button', { name: 'Import' }).click();
    await eventually(() => page.getByTestId('import-status').textContent()).toContain('Imported');
    await context.close();
    const { data } = await owner.GET('/audit-log', {
      params: { query: { action: 'rate_card.import_rate_deck', entityId: card.id, limit: 1 } },
    });
    return data?.data[0]?.ip;
  }
});
