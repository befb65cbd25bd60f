import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginToApi, succeeded } from './operator-data';
import {
  END_USER,
  eventually,
  logIn,
  open,
  pickAccount,
  RESELLER,
  shot,
  usePortalPlatform,
} from './portal-harness';

// A reseller sets its tax rate and issues a customer's invoice in the portal; the customer sees it and
// downloads its PDF.

const platform = usePortalPlatform();

/** The month before the present one (UTC); over in the customer's zone unless a test runs in the first hours of a month. */
const LAST_MONTH = (() => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
})();

describe('invoices in the portal', () => {
  let reseller: { context: BrowserContext; page: Page };
  let endUser: { context: BrowserContext; page: Page };
  let number = '';

  beforeAll(async () => {
    // The demo seed creates its accounts now: the customer is dated back so that last month is billable.
    const database = new Client({ connectionString: platform.database.url });
    await database.connect();
    try {
      await database.query(`UPDATE accounts SET created_at = now() - interval '90 days' WHERE id = $1`, [
        platform.ids.atelier,
      ]);
    } finally {
      await database.end();
    }
    reseller = await platform.newSession();
    await logIn(reseller.page, RESELLER);
    endUser = await platform.newSession();
    await logIn(endUser.page, END_USER);
  });
  afterAll(async () => {
    await reseller?.context.close();
    await endUser?.context.close();
  });

  it('shows the end user an empty list before any invoice', async () => {
    await open(endUser.page, '/my/invoices');
    await eventually(() => endUser.page.locator('main').textContent()).toContain('No invoices yet');
  });

  it('sets the tax rate of its invoices in its settings, the API naming a bad rate at the field', async () => {
    const { page } = reseller;
    await open(page, '/reseller/settings');
    await page.getByLabel('Tax rate (%)').fill('lots');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await eventually(() => page.locator('[data-field-error="taxRate"]').textContent()).toBeTruthy();
    await page.getByLabel('Tax rate (%)').fill('20');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.waitForURL(/saved=1/);
  });

  it('names the wrong field when the month is not a month, then issues the invoice once', async () => {
    const { page } = reseller;
    await open(page, '/reseller/invoices');
    await pickAccount(page.locator('#issue-invoice-account'), 'DR-2001', 'DR-2001 · Atelier Lumière');
    await page.locator('#issue-invoice-month').fill('last month');
    await page.getByRole('button', { name: 'Issue invoice' }).click();
    await eventually(() => page.locator('[data-field-error="month"]').textContent()).toBeTruthy();

    // The refused form keeps the account chosen; the month is typed again.
    expect(await page.locator('#issue-invoice-account').inputValue()).toBe('DR-2001 · Atelier Lumière');
    await page.locator('#issue-invoice-month').fill(LAST_MONTH);
    await page.getByRole('button', { name: 'Issue invoice' }).click();
    await eventually(() => page.locator('main').textContent()).toMatch(/Invoice INV-\d{6} issued\./);
    number = /Invoice (INV-\d{6}) issued\./.exec((await page.locator('main').textContent()) ?? '')![1]!;

    await open(page, '/reseller/invoices');
    await eventually(() => page.getByTestId(`invoice-${number}`).textContent()).toContain(LAST_MONTH);
    await shot(page, 'invoices');
    const api = await loginToApi(platform.api.url, RESELLER.email, RESELLER.password);
    const issued = await succeeded(api.GET('/invoices', { params: { query: { month: LAST_MONTH } } }));
    expect(issued.data.map((invoice) => [invoice.number, invoice.taxRate])).toEqual([[number, '20']]);
  });

  it('lets the end user see the invoice and download its PDF', async () => {
    const { page } = endUser;
    await open(page, '/my/invoices');
    const row = page.getByTestId(`invoice-${number}`);
    await eventually(() => row.textContent()).toContain(LAST_MONTH);
    expect(await row.textContent()).toContain('issued');
    await shot(page, 'my-invoices');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: `Download ${number} as PDF` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${number}.pdf`);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(`Invoice ${number}`);
  });
});
