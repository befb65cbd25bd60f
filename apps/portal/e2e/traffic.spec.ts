import { readFile } from 'node:fs/promises';
import type { TollgateClient } from '@tollgate/sdk';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { succeeded } from './operator-data';
import { type RunningProcess, startBuiltCdrWorker } from './platform-processes';
import {
  END_USER,
  eventually,
  logIn,
  open,
  OWNER,
  pickAccount,
  RESELLER,
  shot,
  usePortalPlatform,
} from './portal-harness';

// CDRs, their cost at every level and the CSV export; the ledger; DIDs and porting requests; an end
// user's call history. CDRs come in through the REST ingest and are rated by a cdr-worker of this file's own.

const platform = usePortalPlatform({ ownRedisKeys: true });

interface Calls {
  atelier: string;
  atelierMissed: string;
  kiez: string;
  rival: string;
}

const HOUR = 3_600_000;

/** One call as an integrator sends it to POST /cdrs/ingest. */
function call(callId: string, accountId: string, destination: string, seconds: number, hoursAgo: number) {
  const startedAt = new Date(Date.now() - hoursAgo * HOUR);
  const answered = seconds > 0;
  return {
    callId,
    accountId,
    direction: 'outbound',
    caller: '+33199001001',
    destination,
    startedAt: startedAt.toISOString(),
    answeredAt: answered ? new Date(startedAt.getTime() + 5_000).toISOString() : null,
    endedAt: new Date(startedAt.getTime() + 5_000 + seconds * 1000).toISOString(),
    durationSeconds: seconds,
    disposition: answered ? 'answered' : 'not-answered',
    sipCode: answered ? 200 : 480,
  };
}

async function ingestCalls(owner: TollgateClient, apiUrl: string): Promise<Calls> {
  const login = await fetch(`${apiUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OWNER),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const { atelier, kiezCafe, rivalAccount } = platform.ids;
  const vendors = await succeeded(owner.GET('/vendors', { params: { query: { limit: 200 } } }));
  const vendorId = vendors.data.find((vendor) => vendor.name === 'Alpine Voice Exchange')!.id;
  const lines = [
    { ...call('traffic-atelier-1@e2e', atelier, '33612345678', 65, 3), vendorId },
    call('traffic-atelier-2@e2e', atelier, '33612000000', 0, 2),
    call('traffic-kiez-1@e2e', kiezCafe, '4930901820', 120, 1),
    call('traffic-rival-1@e2e', rivalAccount, '4930901821', 30, 1),
  ];
  const ingest = await fetch(`${apiUrl}/cdrs/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/x-ndjson' },
    body: lines.map((line) => JSON.stringify(line)).join('\n'),
  });
  expect(ingest.status).toBe(202);
  const idOf = async (callId: string) => {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const page = await succeeded(owner.GET('/cdrs', { params: { query: { limit: 200 } } }));
      const cdr = page.data.find((row) => row.callId === callId);
      if (cdr) return cdr.id;
      await new Promise((done) => setTimeout(done, 250));
    }
    throw new Error(`${callId} was not stored within 60 s`);
  };
  return {
    atelier: await idOf('traffic-atelier-1@e2e'),
    atelierMissed: await idOf('traffic-atelier-2@e2e'),
    kiez: await idOf('traffic-kiez-1@e2e'),
    rival: await idOf('traffic-rival-1@e2e'),
  };
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe('traffic, money and numbers', () => {
  let worker: RunningProcess;
  let owner: TollgateClient;
  let calls: Calls;
  const rival = { did: '', porting: '' };
  let ownerSession: { context: BrowserContext; page: Page };
  let resellerSession: { context: BrowserContext; page: Page };

  beforeAll(async () => {
    worker = await startBuiltCdrWorker({
      databaseUrl: platform.database.url,
      redisUrl: process.env.REDIS_URL!,
      redisKeys: platform.redisKeys!,
    });
    owner = await platform.owner();
    calls = await ingestCalls(owner, platform.api.url);
    rival.did = (
      await succeeded(
        owner.POST('/dids', {
          body: {
            number: '33188776655',
            country: 'FR',
            currency: 'EUR',
            tenantId: platform.ids.rivalReseller,
          },
        }),
      )
    ).id;
    rival.porting = (
      await succeeded(
        owner.POST('/porting-requests', {
          body: {
            direction: 'port_in',
            accountId: platform.ids.rivalAccount,
            numbers: ['33188776600'],
            country: 'FR',
            losingCarrier: 'Old Telco',
            gainingCarrier: 'Rival Voice',
          },
        }),
      )
    ).id;
    ownerSession = await platform.newSession();
    await logIn(ownerSession.page, OWNER);
    resellerSession = await platform.newSession();
    await logIn(resellerSession.page, RESELLER);
  }, 300_000);
  afterAll(async () => {
    await ownerSession?.context.close();
    await resellerSession?.context.close();
    await worker?.stop();
  });

  it('shows an end user its own calls with their cost, never another account’s', async () => {
    const { context, page } = await platform.newSession({ width: 390, height: 844 });
    try {
      await logIn(page, END_USER);
      await open(page, '/my/calls');
      const rows = await page.getByTestId('my-calls').locator('tbody tr').allTextContents();
      expect(rows).toHaveLength(2);
      expect(rows[0]).toContain('+33612000000');
      expect(rows[1]).toContain('+33612345678');
      expect(rows.join(' ')).not.toContain('4930901820');
      expect(rows[1]).toMatch(/€/);
      await shot(page, 'my-calls');
      // A CDR of another account by URL: the staff pages are not an end user's, and the API says not found.
      await open(page, `/owner/cdrs/${calls.kiez}`);
      expect(await heading(page)).toBe('Not found');
      await open(page, '/my');
      expect(await page.getByTestId('my-recent-calls-spend').textContent()).toMatch(/€/);
      expect(await page.locator('main').textContent()).toContain('+33612345678');
      await open(page, '/my/top-ups');
      expect(await heading(page)).toBe('My top-ups');
    } finally {
      await context.close();
    }
  });

  it('lets the owner filter CDRs and open one’s cost at every level', async () => {
    const { page } = ownerSession;
    await open(page, '/owner/cdrs');
    expect(await page.getByTestId('cdr-table').locator('tbody tr').count()).toBe(4);
    await page.getByLabel('Number', { exact: true }).fill('+33 6123');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/number=/);
    const rows = page.getByTestId('cdr-table').locator('tbody tr');
    await eventually(() => rows.count()).toBe(1);
    await shot(page, 'cdrs');
    await rows.first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Call to +33612345678' }).waitFor({ timeout: 45_000 });
    expect(new URL(page.url()).pathname).toBe(`/owner/cdrs/${calls.atelier}`);
    const cdr = await succeeded(owner.GET('/cdrs/{id}', { params: { path: { id: calls.atelier } } }));
    const levels = page.getByTestId('cdr-levels').locator('tbody tr');
    expect(await levels.count()).toBe(cdr.levels.length);
    expect(await page.locator('[data-level="customer"]').textContent()).toContain('DR-2001');
    // The owner sees the reseller's level above its customer: the reseller's buy price and margin.
    expect(cdr.levels.map((level) => level.kind)).toContain('reseller');
    expect(await page.locator('[data-level="reseller"]').textContent()).toContain('Demo Reseller');
    // And the carrier's cost, which only the operator sees.
    expect(await page.locator('[data-level="vendor"]').textContent()).toContain('Alpine Voice Exchange');
    expect(await page.getByTestId('cdr-price').textContent()).toMatch(/€/);
    await shot(page, 'cdr-breakdown');
  }, 120_000);

  it('shows a reseller its own level and margin, never the levels above it', async () => {
    const { page } = resellerSession;
    await open(page, `/reseller/cdrs/${calls.atelier}`);
    const seen = await page
      .getByTestId('cdr-levels')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-level')));
    expect(seen).toEqual(['customer', 'reseller']);
    expect(await page.locator('[data-level="reseller"]').textContent()).toContain('You');
  });

  it('exports the filtered CDRs as CSV', async () => {
    const { page } = ownerSession;
    await open(page, '/owner/cdrs?number=336');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^cdrs-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile((await download.path())!, 'utf8')).trim().split('\n');
    expect(csv[0]).toContain('callId');
    expect(
      csv
        .slice(1)
        .map((row) => row.split(',')[1])
        .sort(),
    ).toEqual(['traffic-atelier-1@e2e', 'traffic-atelier-2@e2e']);
  });

  it("answers not found to a reseller opening another reseller's CDR, number or porting request", async () => {
    const { page } = resellerSession;
    for (const path of [
      `/reseller/cdrs/${calls.rival}`,
      `/reseller/dids/${rival.did}`,
      `/reseller/porting/${rival.porting}`,
    ]) {
      await open(page, path);
      expect(await heading(page), path).toBe('Not found');
    }
    await open(page, '/reseller/cdrs');
    expect(await page.locator('main').textContent()).not.toContain('4930901821');
  });

  it('reserves and assigns a number, with the route’s field error first', async () => {
    const did = await succeeded(
      owner.POST('/dids', {
        body: { number: '493055501234', country: 'DE', currency: 'EUR', sellMonthlyFee: '1.5' },
      }),
    );
    const { page } = ownerSession;
    await open(page, '/owner/dids?number=%2B4930555');
    await page.getByRole('link', { name: '+493055501234' }).click();
    await page.waitForURL(new RegExp(`/owner/dids/${did.id}$`));
    await pickAccount(page.locator('#reserve-accountId'), 'kiez', 'DT-1001 · Kiez Café Berlin');
    await page
      .locator('#reserve-until')
      .fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Reserve', exact: true }).click();
    await eventually(() => page.getByRole('status').first().textContent()).toContain(
      'The number is reserved',
    );
    await shot(page, 'did');
    await page.locator('#assign-routeKind').selectOption('uri');
    await page.locator('#assign-uri').fill('not a sip uri');
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await eventually(() => page.locator('[data-field-error="uri"]').textContent()).toContain('SIP URI');
    await page.locator('#assign-routeKind').selectOption('line');
    const lines = await page.locator('#assign-lineId option').allTextContents();
    await page
      .locator('#assign-lineId')
      .selectOption({ label: lines.find((label) => label.includes('kiez'))! });
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await eventually(() => page.getByRole('status').first().textContent()).toContain(
      'The number is assigned',
    );
    expect(await page.getByTestId('did-route').textContent()).toContain('kiez');
    const assigned = await succeeded(owner.GET('/dids/{id}', { params: { path: { id: did.id } } }));
    expect(assigned).toMatchObject({
      status: 'assigned',
      accountId: platform.ids.kiezCafe,
      routeKind: 'line',
    });
  }, 120_000);

  it('takes a porting request through its states, and says so when a move is no longer possible', async () => {
    const { page } = resellerSession;
    await open(page, '/reseller/porting/new');
    await pickAccount(page.getByLabel('Account'), 'atelier', 'DR-2001 · Atelier Lumière');
    await page.getByRole('textbox', { name: 'Numbers' }).fill('+33 1 99 00 77 01\n+33 1 99 00 77 02');
    await page.getByLabel('Country').fill('FR');
    await page.getByLabel('Losing carrier').fill('Old Telco SA');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.waitForURL(/\/reseller\/porting\/[0-9a-f-]{36}\?done=created/);
    const id = new URL(page.url()).pathname.split('/').at(-1)!;

    await page.locator('#porting-document').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a document'),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await eventually(() => page.locator('[data-field-error="file"]').textContent()).toBeTruthy();
    await page.locator('#porting-document').setInputFiles({
      name: 'authorisation.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await eventually(() => page.getByRole('link', { name: 'authorisation.pdf' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Submit to the losing carrier' }).click();
    await eventually(() => page.getByTestId('porting-status').textContent()).toBe('submitted');
    await page.locator('#accept-scheduledAt').fill('2030-03-01T06:00');
    await page.getByRole('button', { name: 'Accept with a port date' }).click();
    await eventually(() => page.getByTestId('porting-status').textContent()).toBe('accepted');
    await shot(page, 'porting-request');

    // Meanwhile someone else cancels it: this page still offers to complete, and the API refuses.
    await succeeded(owner.POST('/porting-requests/{id}/cancel', { params: { path: { id } }, body: {} }));
    await page.getByRole('button', { name: 'Complete the port' }).click();
    const refusal = page.locator('form[data-step="complete"] [role="alert"]');
    await eventually(() => refusal.textContent()).toContain('cannot be completed now');
    await open(page, `/reseller/porting/${id}`);
    expect(await page.getByTestId('porting-status').textContent()).toBe('cancelled');
    const history = await page.getByTestId('porting-history').locator('tbody').textContent();
    for (const event of ['created', 'document added', 'submitted', 'accepted', 'cancelled'])
      expect(history).toContain(event);
  }, 180_000);

  it('lets the owner credit a reseller from the ledger, and shows the reseller its balance with its provider', async () => {
    const owners = ownerSession.page;
    await open(owners, '/owner/ledger');
    await pickAccount(owners.getByLabel('Account or reseller'), 'demo res', 'Reseller Demo Reseller');
    await owners.getByRole('button', { name: 'Search', exact: true }).click();
    await owners.waitForURL(/party=reseller/);
    await owners.getByTestId('reseller-balance').waitFor();
    await owners.locator('#reseller-top-up-amount').fill('twelve');
    await owners.getByRole('button', { name: 'Credit top-up' }).click();
    await eventually(() => owners.locator('[data-field-error="amount"]').textContent()).toBeTruthy();
    await owners.locator('#reseller-top-up-amount').fill('250');
    await owners.getByRole('button', { name: 'Credit top-up' }).click();
    await eventually(() => owners.getByRole('status').first().textContent()).toContain('€250.00 credited');

    const { page } = resellerSession;
    await open(page, '/reseller/ledger');
    expect(await page.getByTestId('parent-balance').textContent()).toMatch(/€/);
    await page.getByLabel('Kind').selectOption('call_charge');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/kind=call_charge/);
    const rows = await page.locator('section[aria-label="Ledger entries"] tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain('Calls');
    await eventually(() => page.locator('main').textContent()).toContain('€250.00');
    await shot(page, 'ledger');
    await open(owners, '/owner/ledger?kind=top_up');
    expect(await owners.locator('main').textContent()).toContain('Reseller Demo Reseller');
  }, 120_000);

  it('finds an account beyond the first 200 by typing, reserves a number for it and filters the numbers by it; assigns a number to a line of the account picked', async () => {
    // 205 more subscribers of the operator, coded after every demo account: the last ones are not among
    // the first 200 accounts by code, all a list of accounts could offer.
    const codes = Array.from({ length: 205 }, (_, index) => `ZZ-${String(index + 1).padStart(4, '0')}`);
    for (let start = 0; start < codes.length; start += 15)
      await Promise.all(
        codes.slice(start, start + 15).map((code) =>
          succeeded(
            owner.POST('/accounts', {
              body: {
                code,
                name: `Bulk subscriber ${code.slice(3)}`,
                billingType: 'prepaid',
                status: 'active',
              },
            }),
          ),
        ),
      );
    const firstAccounts = await succeeded(
      owner.GET('/accounts', { params: { query: { limit: 200, sort: 'code', order: 'asc' } } }),
    );
    expect(firstAccounts.nextCursor).not.toBeNull();
    expect(firstAccounts.data.map((account) => account.code)).not.toContain('ZZ-0204');
    const target = (await succeeded(owner.GET('/accounts', { params: { query: { search: 'ZZ-0204' } } })))
      .data[0]!;
    const did = await succeeded(
      owner.POST('/dids', {
        body: { number: '493055509204', country: 'DE', currency: 'EUR', sellMonthlyFee: '1.5' },
      }),
    );

    // Typed, then chosen with the keyboard: the list narrows to the account, ArrowDown and Enter pick it.
    const { page } = ownerSession;
    await open(page, `/owner/dids/${did.id}`);
    const reserveFor = page.locator('#reserve-accountId');
    await reserveFor.fill('subscriber 0204');
    const suggestions = page.locator(`[id="${await reserveFor.getAttribute('aria-controls')}"]`);
    await eventually(() => suggestions.getByRole('option').allTextContents()).toEqual([
      'ZZ-0204 · Bulk subscriber 0204',
    ]);
    expect(await reserveFor.getAttribute('aria-expanded')).toBe('true');
    await shot(page, 'account-picker');
    await reserveFor.press('ArrowDown');
    await eventually(() => suggestions.getByRole('option').first().getAttribute('aria-selected')).toBe(
      'true',
    );
    await reserveFor.press('Enter');
    await eventually(() => reserveFor.inputValue()).toBe('ZZ-0204 · Bulk subscriber 0204');
    expect(await reserveFor.getAttribute('aria-expanded')).toBe('false');
    await page
      .locator('#reserve-until')
      .fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Reserve', exact: true }).click();
    await eventually(() => page.getByRole('status').first().textContent()).toContain(
      'The number is reserved',
    );
    expect(await page.locator('main').textContent()).toContain('ZZ-0204 · Bulk subscriber 0204');
    const reserved = await succeeded(owner.GET('/dids/{id}', { params: { path: { id: did.id } } }));
    expect(reserved).toMatchObject({ status: 'reserved', accountId: target.id });

    // The numbers filtered by that account: the URL carries its id, the picker shows its code and name.
    await open(page, '/owner/dids');
    await pickAccount(page.getByLabel('Account'), 'ZZ-0204', 'ZZ-0204 · Bulk subscriber 0204');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('accountId') === target.id);
    await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
    const rows = page.locator('table tbody tr');
    await eventually(() => rows.allTextContents()).toEqual([expect.stringContaining('+493055509204')]);
    expect(await rows.first().textContent()).toContain('ZZ-0204');
    expect(await page.getByLabel('Account').inputValue()).toBe('ZZ-0204 · Bulk subscriber 0204');
    await shot(page, 'account-picker-filter');
    // Removing the choice shows every number again.
    await page.getByRole('button', { name: 'Remove ZZ-0204 · Bulk subscriber 0204 (show all)' }).click();
    await eventually(() => page.getByLabel('Account').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL((url) => !url.searchParams.get('accountId'));
    await eventually(() => rows.count()).toBeGreaterThan(1);

    // The reseller's picker offers the reseller's own accounts only.
    const reseller = resellerSession.page;
    await open(reseller, '/reseller/dids');
    const resellerAccount = reseller.getByLabel('Account');
    await resellerAccount.fill('ZZ-02');
    await eventually(() => reseller.locator('main p', { hasText: 'No account matches.' }).count()).toBe(1);
    const resellerSuggestions = reseller.locator(
      `[id="${await resellerAccount.getAttribute('aria-controls')}"]`,
    );
    expect(await resellerSuggestions.getByRole('option').count()).toBe(0);
    await pickAccount(resellerAccount, 'atelier', 'DR-2001 · Atelier Lumière');

    // Assigning an available number: the lines offered are those of the account chosen, read once it is.
    const spare = await succeeded(
      owner.POST('/dids', {
        body: { number: '493055509205', country: 'DE', currency: 'EUR', sellMonthlyFee: '1.5' },
      }),
    );
    await open(page, `/owner/dids/${spare.id}`);
    const lineChoices = page.locator('#assign-lineId option');
    expect(await lineChoices.allTextContents()).toEqual(['Choose the account first']);
    await pickAccount(page.locator('#assign-accountId'), 'kiez', 'DT-1001 · Kiez Café Berlin');
    await eventually(() => lineChoices.allTextContents()).toEqual([
      'Choose a line',
      expect.stringMatching(/^kiezcafe-1@/),
      expect.stringMatching(/^kiezcafe-2@/),
    ]);
    const line = (await lineChoices.allTextContents())[1]!;
    await page.locator('#assign-lineId').selectOption({ label: line });
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await eventually(() => page.getByRole('status').first().textContent()).toContain(
      'The number is assigned',
    );
    expect(await page.getByTestId('did-route').textContent()).toContain(line);
    expect(await succeeded(owner.GET('/dids/{id}', { params: { path: { id: spare.id } } }))).toMatchObject({
      status: 'assigned',
      accountId: platform.ids.kiezCafe,
      routeKind: 'line',
    });
  }, 180_000);
});
