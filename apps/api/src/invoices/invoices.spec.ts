import { type Tenant, UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestCdr } from '../cdrs/cdr-test-fixtures';
import { ApiTestKit } from '../testing/api-test-kit';
import { IssueMonthlyInvoicesJob } from './issue-monthly-invoices.job';

interface LineBody {
  position: number;
  kind: string;
  description: string;
  calls: number | null;
  billedSeconds: number | null;
  billedMinutes: string | null;
  amount: string;
}

interface InvoiceBody {
  id: string;
  tenantId: string;
  accountId: string;
  number: string;
  sequence: number;
  month: string;
  status: string;
  issuerName: string;
  openingBalance: string;
  closingBalance: string;
  subtotal: string;
  taxRate: string;
  tax: string;
  total: string;
  payments: string;
  lines: LineBody[];
  errors?: Array<{ field: string; reason: string }>;
}

describe('invoices', () => {
  let kit: ApiTestKit;
  const tenants = {} as Record<'owner' | 'a' | 'b', Tenant>;
  const tokens = { owner: '', a: '', b: '', endUser: '' };
  const accounts = { owner: '', a1: '', a2: '', b: '' };
  let counter = 0;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const owner = await kit.createTenant('Invoicing Owner');
    const a = await kit.createTenant('Invoicing Reseller A', owner.tenant);
    const b = await kit.createTenant('Invoicing Reseller B', owner.tenant);
    tenants.owner = owner.tenant;
    tenants.a = a.tenant;
    tenants.b = b.tenant;
    tokens.owner = await kit.login(owner.user.email);
    tokens.a = await kit.login(a.user.email);
    tokens.b = await kit.login(b.user.email);
    accounts.owner = await account(tokens.owner, '2026-09-15T00:00:00Z');
    accounts.a1 = await account(tokens.a, '2026-09-15T00:00:00Z');
    accounts.a2 = await account(tokens.a, '2026-09-15T00:00:00Z');
    accounts.b = await account(tokens.b, '2026-09-15T00:00:00Z');
    const endUser = await kit.createUser(
      a.tenant,
      UserRole.Admin,
      'invoice-end-user@example.test',
      accounts.a1,
    );
    tokens.endUser = await kit.login(endUser.email);
  });
  afterAll(async () => kit?.close());

  /** An account dated as if created at `since` (the API stamps the present). */
  async function account(token: string, since: string, extra: object = {}): Promise<string> {
    const code = `INV-ACC-${++counter}`;
    const created = await kit.request('POST', '/accounts', {
      token,
      body: { code, name: `Customer ${counter}`, currency: 'EUR', ...extra },
    });
    expect(created.status).toBe(201);
    await kit.dataSource.query(`UPDATE accounts SET created_at = $2 WHERE id = $1`, [created.body.id, since]);
    return created.body.id as string;
  }

  /** Posts through the API, then dates the entry (and nothing else changes: balances are sums). */
  async function post(token: string, accountId: string, path: string, body: object, at: string) {
    const idempotencyKey = `spec-${++counter}`;
    const posted = await kit.request('POST', `/accounts/${accountId}/${path}`, {
      token,
      body: { idempotencyKey, ...body },
    });
    expect(posted.status).toBe(201);
    await kit.dataSource.query(`UPDATE ledger_entries SET created_at = $2 WHERE id = $1`, [
      posted.body.id,
      at,
    ]);
  }

  async function fee(
    accountId: string,
    kind: 'recurring_fee' | 'did_fee',
    amount: string,
    text: string,
    at: string,
  ) {
    const [tenant] = (await kit.dataSource.query(`SELECT tenant_id FROM accounts WHERE id = $1`, [
      accountId,
    ])) as Array<{
      tenant_id: string;
    }>;
    await kit.dataSource.query(
      `INSERT INTO ledger_entries (tenant_id, account_id, kind, amount, currency, idempotency_key, description, created_at)
       VALUES ($1, $2, $3, $4, 'EUR', $5, $6, $7)`,
      [tenant!.tenant_id, accountId, kind, amount, `spec-fee-${++counter}`, text, at],
    );
  }

  async function call(
    accountId: string,
    tenantId: string,
    destination: string,
    price: string | null,
    at: string,
  ) {
    await insertTestCdr(kit.dataSource, {
      tenantId,
      accountId,
      startedAt: new Date(at),
      price,
      levels: [
        {
          kind: 'customer',
          partyId: accountId,
          tenantPath: null,
          price,
          currency: 'EUR',
          billedSeconds: 120,
          rate: { prefix: destination === 'United Kingdom' ? '44' : '49', destination } as never,
          margin: null,
          problem: null,
        },
      ],
      ...(price === null ? { unratedReason: 'no rate' } : {}),
    });
  }

  const issue = (token: string, accountId: string, month: string) =>
    kit.request<InvoiceBody>('POST', '/invoices', { token, body: { accountId, month } });

  describe('issuing', () => {
    let first: InvoiceBody;

    beforeAll(async () => {
      const settings = await kit.request('PATCH', '/settings', {
        token: tokens.owner,
        body: { taxRate: '19', brandName: 'Owner Telecom' },
      });
      expect(settings.status).toBe(200);
      const id = accounts.owner;
      await post(tokens.owner, id, 'top-ups', { amount: '20' }, '2026-10-20T10:00:00Z');
      await post(
        tokens.owner,
        id,
        'top-ups',
        { amount: '50', description: 'Bank transfer' },
        '2026-11-02T10:00:00Z',
      );
      await post(
        tokens.owner,
        id,
        'adjustments',
        { amount: '1', reason: 'Goodwill' },
        '2026-11-05T10:00:00Z',
      );
      await post(tokens.owner, id, 'refunds', { amount: '10', reason: 'Paid back' }, '2026-11-06T10:00:00Z');
      await fee(id, 'recurring_fee', '-5.405', 'Monthly fee of plan Home, 2026-11', '2026-11-01T00:10:00Z');
      await fee(id, 'did_fee', '-2', 'Monthly fee of DID +4930123, 2026-11', '2026-11-01T00:20:00Z');
      await fee(id, 'recurring_fee', '-5.405', 'Monthly fee of plan Home, 2026-12', '2026-12-01T00:10:00Z');
      await call(id, tenants.owner.id, 'United Kingdom', '0.125', '2026-11-10T12:00:00Z');
      await call(id, tenants.owner.id, 'United Kingdom', '0.125', '2026-11-11T12:00:00Z');
      await call(id, tenants.owner.id, 'Germany', '0.104999', '2026-11-12T12:00:00Z');
      await call(id, tenants.owner.id, 'Germany', null, '2026-11-13T12:00:00Z');
      await call(id, tenants.owner.id, 'Germany', '9.99', '2026-12-01T00:00:00Z');
      const response = await issue(tokens.owner, id, '2026-11');
      expect(response.status).toBe(201);
      first = response.body;
    });

    it('lists calls by destination, fees, the adjustment, payments and refunds, each rounded once', () => {
      expect(
        first.lines.map((line) => [line.kind, line.description, line.calls, line.billedMinutes, line.amount]),
      ).toEqual([
        ['calls', 'Calls to Germany', 1, '2', '0.1'],
        ['calls', 'Calls to United Kingdom', 2, '4', '0.25'],
        ['recurring_fee', 'Monthly fee of plan Home, 2026-11', null, null, '5.41'],
        ['did_fee', 'Monthly fee of DID +4930123, 2026-11', null, null, '2'],
        ['adjustment', 'Goodwill', null, null, '-1'],
        ['payment', 'Bank transfer', null, null, '50'],
        ['refund', 'Paid back', null, null, '-10'],
      ]);
    });

    it("adds the issuer's tax to the subtotal of the rounded lines and carries the ledger balance", () => {
      expect(first).toMatchObject({
        number: 'INV-000001',
        sequence: 1,
        tenantId: tenants.owner.id,
        month: '2026-11',
        status: 'issued',
        issuerName: 'Owner Telecom',
        // 0.10 + 0.25 + 5.41 + 2 − 1 = 6.76; 19 % = 1.2844 → 1.28.
        subtotal: '6.76',
        taxRate: '19',
        tax: '1.28',
        total: '8.04',
        payments: '40',
        openingBalance: '20',
        // 20 + 50 + 1 − 10 − 5.405 − 2 (the calls are in the CDRs only in this spec).
        closingBalance: '53.595',
      });
    });

    it('returns the same invoice when issued again, and an issued invoice never changes', async () => {
      await post(tokens.owner, accounts.owner, 'top-ups', { amount: '7' }, '2026-11-20T10:00:00Z');
      await kit.request('PATCH', '/settings', {
        token: tokens.owner,
        body: { taxRate: '7', brandName: 'Renamed' },
      });
      const again = await issue(tokens.owner, accounts.owner, '2026-11');
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first);
      const read = await kit.request<InvoiceBody>('GET', `/invoices/${first.id}`, { token: tokens.owner });
      expect(read.body).toEqual(first);
    });

    it('numbers the invoices of one tenant without gaps, also when issued at once', async () => {
      const more = await Promise.all(
        ['a', 'b', 'c', 'd'].map(() => account(tokens.owner, '2026-09-01T00:00:00Z')),
      );
      const issued = await Promise.all(
        [...more, ...more].map((accountId) => issue(tokens.owner, accountId, '2026-10')),
      );
      expect(issued.filter((response) => response.status === 201)).toHaveLength(4);
      const numbers = new Set(issued.map((response) => response.body.sequence));
      expect([...numbers].sort((x, y) => x - y)).toEqual([2, 3, 4, 5]);
      // Another tenant counts from 1.
      const reseller = await issue(tokens.a, accounts.a2, '2026-10');
      expect(reseller.body.number).toBe('INV-000001');
    });

    it('refuses a malformed month, a month not over yet and one before the account existed, naming the field', async () => {
      for (const month of ['2026-13', '2026-1', 'last']) {
        const response = await issue(tokens.owner, accounts.owner, month);
        expect(response.status).toBe(400);
        expect(response.body.errors?.map((error) => error.field)).toEqual(['month']);
      }
      const now = new Date();
      const current = `${now.getUTCFullYear() + 1}-01`;
      const future = await issue(tokens.owner, accounts.owner, current);
      expect([future.status, future.body.errors?.[0]?.field]).toEqual([400, 'month']);
      const before = await issue(tokens.owner, accounts.owner, '2026-08');
      expect([before.status, before.body.errors?.[0]?.field]).toEqual([400, 'month']);
      const badAccount = await issue(tokens.owner, 'not-a-uuid', '2026-10');
      expect([badAccount.status, badAccount.body.errors?.[0]?.field]).toEqual([400, 'accountId']);
    });
  });

  describe('tenancy', () => {
    let resellerInvoice: InvoiceBody;
    let otherAccountInvoice: InvoiceBody;

    beforeAll(async () => {
      resellerInvoice = (await issue(tokens.a, accounts.a1, '2026-11')).body;
      otherAccountInvoice = (await issue(tokens.a, accounts.a2, '2026-11')).body;
    });

    it("hides a reseller's customer's invoice from another reseller, and lets the owner above read it", async () => {
      expect((await issue(tokens.b, accounts.a1, '2026-10')).status).toBe(404);
      expect((await kit.request('GET', `/invoices/${resellerInvoice.id}`, { token: tokens.b })).status).toBe(
        404,
      );
      expect(
        (await kit.request('GET', `/invoices/${resellerInvoice.id}/pdf`, { token: tokens.b })).status,
      ).toBe(404);
      const listed = await kit.request('GET', `/invoices?accountId=${accounts.a1}`, { token: tokens.b });
      expect(listed.body.data).toEqual([]);
      const owner = await kit.request('GET', `/invoices/${resellerInvoice.id}`, { token: tokens.owner });
      expect(owner.status).toBe(200);
    });

    it("shows an end user their own account's invoices only, and lets them issue none", async () => {
      const mine = await kit.request<{ data: InvoiceBody[] }>('GET', '/invoices', { token: tokens.endUser });
      expect(mine.body.data.map((invoice) => invoice.id)).toEqual([resellerInvoice.id]);
      const own = await kit.request('GET', `/invoices/${resellerInvoice.id}`, { token: tokens.endUser });
      expect(own.status).toBe(200);
      const other = await kit.request('GET', `/invoices/${otherAccountInvoice.id}`, {
        token: tokens.endUser,
      });
      expect(other.status).toBe(404);
      const otherPdf = await kit.request('GET', `/invoices/${otherAccountInvoice.id}/pdf`, {
        token: tokens.endUser,
      });
      expect(otherPdf.status).toBe(404);
      expect((await issue(tokens.endUser, accounts.a1, '2026-10')).status).toBe(403);
    });

    it('filters by account and month and pages through the list', async () => {
      const first = await kit.request<{ data: InvoiceBody[]; nextCursor: string | null }>(
        'GET',
        '/invoices?limit=1&sort=month&order=asc',
        { token: tokens.a },
      );
      expect(first.body.data).toHaveLength(1);
      expect(first.body.data[0]!.month).toBe('2026-10');
      const second = await kit.request<{ data: InvoiceBody[] }>(
        'GET',
        `/invoices?limit=200&sort=month&order=asc&cursor=${first.body.nextCursor}`,
        { token: tokens.a },
      );
      expect(second.body.data.map((invoice) => invoice.month)).toEqual(['2026-11', '2026-11']);
      const filtered = await kit.request<{ data: InvoiceBody[] }>(
        'GET',
        `/invoices?accountId=${accounts.a2}&month=2026-11`,
        { token: tokens.a },
      );
      expect(filtered.body.data.map((invoice) => invoice.id)).toEqual([otherAccountInvoice.id]);
      const bad = await kit.request('GET', '/invoices?month=November', { token: tokens.a });
      expect(bad.status).toBe(400);
    });

    it('streams a PDF carrying the invoice number', async () => {
      const response = await kit.app.inject({
        method: 'GET',
        url: `/invoices/${resellerInvoice.id}/pdf`,
        headers: { authorization: `Bearer ${tokens.endUser}` },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toContain(`${resellerInvoice.number}.pdf`);
      const pdf = response.rawPayload;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.toString('latin1')).toContain(`Invoice ${resellerInvoice.number}`);
      // An issued invoice is the same file every time it is downloaded.
      const again = await kit.app.inject({
        method: 'GET',
        url: `/invoices/${resellerInvoice.id}/pdf`,
        headers: { authorization: `Bearer ${tokens.a}` },
      });
      expect(again.rawPayload.equals(pdf)).toBe(true);
    });
  });

  describe('the monthly run', () => {
    it("issues last month's invoices once, in each account's time zone", async () => {
      const job = kit.app.get(IssueMonthlyInvoicesJob);
      const berlin = await account(tokens.b, '2026-05-10T00:00:00Z', { timezone: 'Europe/Berlin' });
      const newYork = await account(tokens.b, '2026-05-10T00:00:00Z', { timezone: 'America/New_York' });
      const invoiced = async (accountId: string) =>
        (
          (await kit.dataSource.query(`SELECT month FROM invoices WHERE account_id = $1 ORDER BY month`, [
            accountId,
          ])) as Array<{ month: string }>
        ).map((row) => row.month);
      // 02:00 on 1 June UTC: 04:00 in Berlin (May is over), 22:00 on 31 May in New York (not yet).
      const at = new Date('2026-06-01T02:00:00Z');
      const runs = await Promise.all([job.run(at), job.run(at)]);
      expect(await invoiced(berlin)).toEqual(['2026-05']);
      expect(await invoiced(newYork)).toEqual([]);
      expect(await job.run(at)).toEqual({ issued: 0, failed: 0 });
      await job.run(new Date('2026-06-01T05:00:00Z'));
      expect(await invoiced(newYork)).toEqual(['2026-05']);
      expect(runs.reduce((sum, run) => sum + run.failed, 0)).toBe(0);
    });
  });
});
