import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, open, RESELLER, shot, logIn, usePortalPlatform } from './portal-harness';

// A reseller's console: its own subtree only, under its own brand.

const platform = usePortalPlatform();
const RESELLER_COLOUR = '#0f766e';

describe('a reseller', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await platform.newSession());
    await logIn(page, RESELLER);
  });
  afterAll(async () => context?.close());

  it('lands on its dashboard under its own brand and sees only its customers', async () => {
    expect(new URL(page.url()).pathname).toBe('/reseller');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');
    await open(page, '/reseller/accounts');
    await eventually(() => page.getByTestId('brand-name').textContent()).toContain('Demo Reseller');
    const table = (await page.getByRole('table').textContent()) ?? '';
    expect(table).toContain('DR-2001');
    expect(table).not.toContain('DT-1001');
    expect(table).not.toContain('RV-1');
    await shot(page, 'reseller-accounts');
  });

  it("cannot reach another reseller's customer by URL: a not-found page", async () => {
    await open(page, `/reseller/accounts/${platform.ids.rivalAccount}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
    await open(page, `/reseller/accounts/${platform.ids.kiezCafe}`);
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
