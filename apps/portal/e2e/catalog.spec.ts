import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { succeeded } from './operator-data';
import {
  eventually,
  logIn,
  open,
  OWNER,
  pickAccount,
  RESELLER,
  shot,
  usePortalPlatform,
} from './portal-harness';

// The catalog: rate cards (deck import with progress and the rejected-rows report, export), routing
// plans and the number test, vendors and trunks; and what a reseller cannot reach by URL.

const platform = usePortalPlatform();

const HEADER = 'prefix,destination,price,connect_fee,first_interval,next_interval';
const BAD_DECK = [
  HEADER,
  '44,United Kingdom,0.0130,0,60,60',
  '33,France,abc,0,60,60',
  '34,Spain,0.0100,0,0,60',
  '4479,United Kingdom - Mobile,0.0450,0,60,60',
].join('\n');
const GOOD_DECK = [
  HEADER,
  '44,United Kingdom,0.0130,0,60,60',
  '4479,United Kingdom - Mobile,0.0450,0,60,60',
  '33,France,0.0120,0,60,60',
].join('\n');

const deckFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe('the owner', () => {
  let context: BrowserContext;
  let page: Page;
  let cardPath = '';
  beforeAll(async () => {
    ({ context, page } = await platform.newSession());
    await logIn(page, OWNER);
  });
  afterAll(async () => context?.close());

  it('lists the rate cards with their state', async () => {
    await open(page, '/owner/rate-cards');
    const rows = page.getByRole('table').locator('tbody tr');
    const wholesale = rows.filter({ hasText: 'Wholesale EUR' });
    expect(await wholesale.textContent()).toContain('active');
    await page.getByLabel('Kind').selectOption('buy');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/kind=buy/);
    // The URL changes first; the server's page of buy cards replaces the loading state a moment later.
    await eventually(async () => (await rows.allTextContents()).join()).toContain('Alpine Voice buy EUR');
    expect((await rows.allTextContents()).join()).not.toContain('Wholesale EUR');
    await open(page, '/owner/rate-cards');
    await shot(page, 'owner-rate-cards');
  });

  it('creates a rate card, with the API naming a bad currency at the field', async () => {
    await open(page, '/owner/rate-cards/new');
    await page.getByLabel('Name').fill('E2E Import EUR');
    await page.getByLabel('Currency').fill('euro');
    await page.getByRole('button', { name: 'Create rate card' }).click();
    const error = page.locator('[data-field-error="currency"]');
    await eventually(() => error.textContent()).toContain('ISO 4217');
    expect(await page.getByLabel('Currency').getAttribute('aria-invalid')).toBe('true');
    // What was typed stays.
    expect(await page.getByLabel('Name').inputValue()).toBe('E2E Import EUR');
    await page.getByLabel('Currency').fill('EUR');
    await page.getByRole('button', { name: 'Create rate card' }).click();
    await page.waitForURL(/\/owner\/rate-cards\/[0-9a-f-]{36}\?created=1/);
    cardPath = new URL(page.url()).pathname;
    await eventually(() => heading(page)).toBe('E2E Import EUR');
    expect(await page.getByRole('status').filter({ hasText: 'No rates in force' }).count()).toBe(1);
  });

  it('names a merge without its effective date at the field, as the API says', async () => {
    await open(page, cardPath);
    await page.getByLabel('Deck file').setInputFiles(deckFile('good.csv', GOOD_DECK));
    await page.getByLabel('Mode').selectOption('merge');
    await page.getByRole('button', { name: 'Import' }).click();
    const error = page.locator('[data-field-error="effectiveFrom"]');
    await eventually(() => error.textContent()).toContain('required to merge');
    expect(await page.getByLabel('Effective from').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Mode').selectOption('replace');
  });

  it('imports a bad deck: progress, then the rejected-rows report naming each line, and nothing written', async () => {
    await page.getByLabel('Deck file').setInputFiles(deckFile('bad.csv', BAD_DECK));
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByTestId('import-progress').waitFor();
    await eventually(() => page.getByTestId('import-status').textContent()).toContain('Rejected');
    const report = page.getByTestId('rejected-rows').locator('tbody tr');
    const lines = await report.evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent?.trim())),
    );
    expect(lines.map(([line, column, value]) => [line, column, value])).toEqual([
      ['3', 'pricePerMinute', 'abc'],
      ['4', 'firstInterval', '0'],
    ]);
    expect(await page.getByRole('alert').filter({ hasText: 'nothing was written' }).count()).toBe(1);
    await shot(page, 'owner-rate-card-import-rejected');
    const cardId = cardPath.split('/').at(-1)!;
    const owner = await platform.owner();
    const rates = await succeeded(owner.GET('/rate-cards/{id}/rates', { params: { path: { id: cardId } } }));
    expect(rates.data).toEqual([]);
  });

  it('imports a good deck: completed with its outcome, and the rates listed and searchable', async () => {
    await page.getByLabel('Deck file').setInputFiles(deckFile('good.csv', GOOD_DECK));
    await page.getByRole('button', { name: 'Import' }).click();
    await eventually(() => page.getByTestId('import-status').textContent()).toContain('Imported');
    expect(await page.getByTestId('import-outcome').textContent()).toContain('3 rates created');
    // The page's rates are read again once the import completes, without a reload.
    const rates = page.getByTestId('rates').locator('tbody tr');
    await eventually(() => rates.count()).toBe(3);
    expect(await rates.locator('td:first-child').allTextContents()).toEqual(['33', '44', '4479']);
    expect(await rates.nth(2).textContent()).toContain('United Kingdom - Mobile');
    await shot(page, 'owner-rate-card');
    await page.getByLabel('Prefix starts with').fill('44');
    await page.getByRole('button', { name: 'Search rates' }).click();
    await page.waitForURL(/prefix=44/);
    await eventually(() => rates.locator('td:first-child').allTextContents()).toEqual(['44', '4479']);
    await open(page, `${cardPath}?destination=mobile`);
    expect(await rates.locator('td:first-child').allTextContents()).toEqual(['4479']);
  });

  it('exports the card as a CSV file streamed from the API', async () => {
    await open(page, cardPath);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    const text = await readFile((await download.path())!, 'utf8');
    const [header, ...rows] = text.trim().split(/\r?\n/);
    expect(header).toContain('prefix,destination,price');
    expect(rows.map((row) => row.split(',').slice(0, 3))).toEqual([
      ['33', 'France', '0.012'],
      ['44', 'United Kingdom', '0.013'],
      ['4479', 'United Kingdom - Mobile', '0.045'],
    ]);
  });

  it('shows a routing plan with its strategy, vendors and prefix rules', async () => {
    await open(page, '/owner/routing-plans');
    await page.getByRole('link', { name: 'LCR default' }).click();
    await eventually(() => heading(page)).toBe('LCR default');
    expect(await page.locator('main').textContent()).toMatch(/at least 10(\.0+)? %/);
    const rules = page.getByTestId('prefix-rules');
    expect(await rules.locator('tr', { hasText: '4990' }).textContent()).toContain('blocked');
    const nigeria = (await rules.locator('tr', { hasText: '234' }).textContent()) ?? '';
    expect(nigeria).toContain('Priority');
    expect(nigeria).toContain('Celtic Carrier Services');
    await shot(page, 'owner-routing-plan');
  });

  it('tests a number: the sell rate, each vendor in order with cost and margin, as the API routes it', async () => {
    await open(page, '/owner/routing-test');
    // Nordwind is on Business Flex: the Wholesale EUR card, routed by the LCR default plan.
    await pickAccount(page.getByLabel('Account'), 'nordwind', 'DT-1002 · Nordwind Logistik GmbH');
    await page.getByLabel('Number', { exact: true }).fill('+20223456789');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await page.waitForURL(/number=/);
    await page.locator('main h2, main [role=alert]').first().waitFor();
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main, main).toContain('+20223456789: routable');
    const vendorRows = page.getByTestId('routed-vendors').locator('tbody tr');
    const owner = await platform.owner();
    const accounts = await succeeded(owner.GET('/accounts', { params: { query: { search: 'DT-1002' } } }));
    const expected = await succeeded(
      owner.GET('/accounts/{id}/routing-test', {
        params: { path: { id: accounts.data[0]!.id }, query: { number: '+20223456789' } },
      }),
    );
    expect(expected.routingPlan?.name).toBe('LCR default');
    expect(expected.vendors.length).toBeGreaterThan(1);
    const shown = await vendorRows.evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent?.trim() ?? '')),
    );
    // In the API's order, each with its cost and margin (the exact values are in the titles).
    expect(shown.map((cells) => cells[1])).toEqual(expected.vendors.map((vendor) => vendor.name));
    const titles = await vendorRows.evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll('td span[title]')).map((cell) => cell.getAttribute('title')),
      ),
    );
    expect(titles).toEqual(
      expected.vendors.map((vendor) => [
        `${vendor.cost} ${vendor.rate.currency}`,
        `${vendor.margin} ${expected.sellRate!.currency}`,
      ]),
    );
    expect(expected.vendors.every((vendor) => vendor.margin !== null)).toBe(true);
    expect(await page.getByTestId('routing-result').textContent()).toContain('Sell rate');
    await shot(page, 'owner-routing-test');
  });

  it('names a missing number at its field', async () => {
    await open(page, `/owner/routing-test?accountId=${platform.ids.kiezCafe}&number=`);
    expect(await page.locator('[data-field-error="number"]').textContent()).toContain('type the number');
  });

  it('shows a vendor with its trunks, and adds a trunk with the API naming a bad port', async () => {
    await open(page, '/owner/vendors');
    await page.getByRole('link', { name: 'Alpine Voice Exchange' }).click();
    await eventually(() => heading(page)).toBe('Alpine Voice Exchange');
    expect(await page.getByRole('table', { name: /Trunks/ }).textContent()).toContain('Zurich primary');
    await page.getByLabel('Name').fill('Geneva');
    await page.getByLabel('Host').fill('gw.geneva.example');
    await page.getByLabel('Port', { exact: true }).fill('99999');
    await page.getByRole('button', { name: 'Add trunk' }).click();
    await eventually(() => page.locator('[data-field-error="port"]').textContent()).toBeTruthy();
    await page.getByLabel('Port', { exact: true }).fill('5080');
    await page.getByRole('button', { name: 'Add trunk' }).click();
    await eventually(async () => page.getByRole('table', { name: /Trunks/ }).textContent()).toContain(
      'sip:gw.geneva.example:5080',
    );
    await shot(page, 'owner-vendor');
  });

  it('lists services, service plans and domains', async () => {
    await open(page, '/owner/service-plans');
    expect(await page.getByRole('table').textContent()).toContain('Business Flex');
    await open(page, '/owner/services');
    expect(await page.getByRole('table').textContent()).toContain('Nordwind HQ trunk');
    await open(page, '/owner/domains');
    expect(await page.getByRole('table').textContent()).toContain('pbx.demo.tollgate.test');
  });
});

describe('a reseller', () => {
  let context: BrowserContext;
  let page: Page;
  let rival: { card: string; plan: string };
  let ownerCard = '';
  beforeAll(async () => {
    const owner = await platform.owner();
    const tenantId = platform.ids.rivalReseller;
    const card = await succeeded(
      owner.POST('/rate-cards', { body: { name: 'Rival deck', kind: 'sell', currency: 'EUR', tenantId } }),
    );
    const plan = await succeeded(
      owner.POST('/routing-plans', {
        body: { name: 'Rival routing', strategy: 'lcr', allowLoss: false, maxVendors: 2, tenantId },
      }),
    );
    rival = { card: card.id, plan: plan.id };
    const cards = await succeeded(owner.GET('/rate-cards', { params: { query: { search: 'Wholesale' } } }));
    ownerCard = cards.data[0]!.id;
    ({ context, page } = await platform.newSession({ width: 390, height: 844 }));
    await logIn(page, RESELLER);
  });
  afterAll(async () => context?.close());

  it('sees its own rate cards only', async () => {
    await open(page, '/reseller/rate-cards');
    const table = (await page.getByRole('table').textContent()) ?? '';
    expect(table).toContain('Retail EUR');
    expect(table).not.toContain('Wholesale EUR');
    expect(table).not.toContain('Rival deck');
    await shot(page, 'reseller-rate-cards-phone');
  });

  it("cannot open another reseller's rate card or routing plan by URL: a not-found page", async () => {
    for (const path of [
      `/reseller/rate-cards/${rival.card}`,
      `/reseller/rate-cards/${rival.card}/edit`,
      `/reseller/routing-plans/${rival.plan}`,
      `/reseller/rate-cards/${ownerCard}`,
    ]) {
      await open(page, path);
      expect(await heading(page), path).toBe('Not found');
    }
    const exported = await page.request.get(`/reseller/rate-cards/${rival.card}/export?format=csv`);
    expect(exported.status()).toBe(404);
  });
});
