import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginToApi, succeeded } from './operator-data';
import { END_USER, eventually, logIn, open, RESELLER, shot, usePortalPlatform } from './portal-harness';

// An end user's own account, under its reseller's brand.

const platform = usePortalPlatform();
const RESELLER_COLOUR = '#0f766e';

describe('an end user', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    const reseller = await loginToApi(platform.api.url, RESELLER.email, RESELLER.password);
    await succeeded(reseller.PATCH('/settings', { body: { primaryColor: RESELLER_COLOUR } }));
    ({ context, page } = await platform.newSession());
    await logIn(page, END_USER);
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
    await open(page, `/owner/accounts/${platform.ids.kiezCafe}`);
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
