import { randomBytes } from 'node:crypto';
import { callCommandsStream, CreditPools, decodeCallCommand } from '@tollgate/credit-pools';
import { eurRate, prepaid } from '@tollgate/credit-pools/testing';
import Redis from 'ioredis';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { succeeded } from './operator-data';
import { eventually, open, OWNER, shot, logIn, usePortalPlatform } from './portal-harness';

// The operator's console: accounts, top-ups, live calls, resellers.

const platform = usePortalPlatform();
let redis: Redis;
let pools: CreditPools;
beforeAll(() => {
  redis = new Redis(process.env.REDIS_URL!);
  pools = new CreditPools(redis);
});
afterAll(() => redis?.disconnect());

describe('the owner', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await platform.newSession());
    await logIn(page, OWNER);
  });
  afterAll(async () => context?.close());

  it('lands on the operator dashboard and sees every account of the platform', async () => {
    expect(new URL(page.url()).pathname).toBe('/owner');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');
    await open(page, '/owner/accounts');
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
    await open(page, `/owner/accounts/${platform.ids.kiezCafe}`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('Kiez Café Berlin');
    expect(await page.locator('main').textContent()).toContain('kiezcafe-1@');
    expect(await page.getByRole('heading', { name: 'Recent ledger' }).isVisible()).toBe(true);
    await shot(page, 'owner-account');
  });

  it('credits a top-up once, with a bad amount named at the field', async () => {
    await open(page, `/owner/accounts/${platform.ids.kiezCafe}`);
    await page.getByLabel('Amount (EUR)').fill('12,50');
    await page.getByRole('button', { name: 'Credit top-up' }).click();
    await eventually(() => page.locator('[data-field-error="amount"]').textContent()).toBeTruthy();
    await page.getByLabel('Amount (EUR)').fill('12.50');
    await page.getByLabel('Payment reference').fill('SEPA-4711');
    await page.getByRole('button', { name: 'Credit top-up' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: 'credited' }).textContent()).toContain(
      '€12.50 credited',
    );
    const owner = await platform.owner();
    const ledger = await succeeded(
      owner.GET('/accounts/{id}/ledger', {
        params: { path: { id: platform.ids.kiezCafe }, query: { kind: 'top_up' } },
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
    const call = { accountId: platform.ids.kiezCafe, callId, fromTag: 'f' };
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
    await pools.meter(platform.ids.kiezCafe, new Date(Date.now() + 90_000));
    await eventually(() => runningCost.textContent()).not.toBe(before);
    await shot(page, 'live-call');
    const commands = callCommandsStream(pools.keyPrefix);
    const seen = await redis.xlen(commands);
    await page.getByRole('button', { name: `End call ${callId}` }).click();
    await eventually(async () =>
      (await redis.xrange(commands, '-', '+')).slice(seen).map(([, fields]) => decodeCallCommand(fields)),
    ).toContainEqual(expect.objectContaining({ kind: 'end-call', accountId: platform.ids.kiezCafe, callId }));
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
