import { insertTestCdrImport } from '../cdr-imports/cdr-import-test-fixtures';
import { insertTestCdr } from '../cdrs/cdr-test-fixtures';
import type { ApiTestKit } from './api-test-kit';

/**
 * For each resource (first segment of its path), how to create one object as the tenant of `token`
 * and return its id. The cross-tenant test walks every `{id}` route of the OpenAPI document with the
 * object of another tenant, so a new resource must register here or that test fails.
 */
export type CrossTenantFixture = (kit: ApiTestKit, token: string, unique: string) => Promise<string>;

export const crossTenantFixtures: Record<string, CrossTenantFixture> = {
  resellers: async (kit, token, unique) =>
    created(await kit.request('POST', '/resellers', { token, body: { name: `Fixture ${unique}` } })),
  domains: async (kit, token, unique) =>
    created(
      await kit.request('POST', '/domains', { token, body: { name: `fixture-${unique}.example.test` } }),
    ),
  accounts: async (kit, token, unique) =>
    created(
      await kit.request('POST', '/accounts', {
        token,
        body: { code: `FX-${unique}`, name: `Fixture ${unique}` },
      }),
    ),
  lines: async (kit, token, unique) => {
    const accountId = created(
      await kit.request('POST', '/accounts', {
        token,
        body: { code: `FXL-${unique}`, name: `Fixture ${unique}` },
      }),
    );
    const domainId = created(
      await kit.request('POST', '/domains', { token, body: { name: `fixture-line-${unique}.example.test` } }),
    );
    return created(
      await kit.request('POST', '/lines', { token, body: { accountId, domainId, username: `fx-${unique}` } }),
    );
  },
  users: async (kit, token, unique) =>
    created(
      await kit.request('POST', '/users', {
        token,
        body: {
          email: `fixture-${unique}@example.test`,
          displayName: `Fixture ${unique}`,
          role: 'read_only',
          password: 'fixture password 1',
        },
      }),
    ),
  'routing-plans': async (kit, token, unique) =>
    created(
      await kit.request('POST', '/routing-plans', {
        token,
        body: { name: `Fixture ${unique}`, strategy: 'lcr' },
      }),
    ),
  'service-plans': async (kit, token, unique) => {
    const sellRateCardId = created(
      await kit.request('POST', '/rate-cards', {
        token,
        body: { name: `Fixture sell ${unique}`, kind: 'sell', currency: 'EUR' },
      }),
    );
    return created(
      await kit.request('POST', '/service-plans', {
        token,
        body: { name: `Fixture ${unique}`, sellRateCardId },
      }),
    );
  },
  'service-templates': async (kit, token, unique) =>
    created(
      await kit.request('POST', '/service-templates', {
        token,
        body: { name: `Fixture ${unique}`, kind: 'hosted_pbx' },
      }),
    ),
  services: async (kit, token, unique) => {
    const accountId = created(
      await kit.request('POST', '/accounts', {
        token,
        body: { code: `FXS-${unique}`, name: `Fixture ${unique}`, currency: 'EUR' },
      }),
    );
    return created(
      await kit.request('POST', '/services', {
        token,
        body: { accountId, kind: 'hosted_pbx', name: `Fixture ${unique}` },
      }),
    );
  },
  'api-keys': async (kit, token, unique) =>
    created(
      await kit.request('POST', '/api-keys', {
        token,
        body: { name: `Fixture ${unique}`, permissions: ['read'] },
      }),
    ),
  webhooks: async (kit, token, unique) =>
    created(
      await kit.request('POST', '/webhooks', {
        token,
        body: { url: `https://hooks-${unique}.example.test/tollgate`, events: ['call.shutdown'] },
      }),
    ),
  'banned-ips': async (kit, token, unique) =>
    created(
      await kit.request('POST', '/banned-ips', {
        token,
        body: { cidr: `2001:db8::${unique.slice(0, 4)}:${unique.slice(4, 8)}` },
      }),
    ),
  'audit-log': async (kit, token, unique) => {
    const domainId = created(
      await kit.request('POST', '/domains', { token, body: { name: `audit-${unique}.example.test` } }),
    );
    return (await kit.request('GET', `/audit-log?entityId=${domainId}`, { token })).body.data[0].id;
  },
  vendors: async (kit, token, unique) =>
    created(
      await kit.request('POST', '/vendors', { token, body: { name: `Fixture ${unique}`, currency: 'EUR' } }),
    ),
  'rate-cards': async (kit, token, unique) =>
    created(
      await kit.request('POST', '/rate-cards', {
        token,
        body: { name: `Fixture ${unique}`, kind: 'sell', currency: 'EUR' },
      }),
    ),
  dids: async (kit, token, unique) =>
    created(
      await kit.request('POST', '/dids', {
        token,
        body: {
          number: `88${String(parseInt(unique, 16)).padStart(10, '0')}`,
          country: 'DE',
          currency: 'EUR',
        },
      }),
    ),
  'porting-requests': async (kit, token, unique) => {
    const accountId = created(
      await kit.request('POST', '/accounts', {
        token,
        body: { code: `FXP-${unique}`, name: `Fixture ${unique}`, currency: 'EUR' },
      }),
    );
    return created(
      await kit.request('POST', '/porting-requests', {
        token,
        body: {
          direction: 'port_in',
          accountId,
          numbers: [`87${String(parseInt(unique, 16)).padStart(10, '0')}`],
          country: 'DE',
          losingCarrier: `Fixture losing ${unique}`,
          gainingCarrier: `Fixture gaining ${unique}`,
        },
      }),
    );
  },
  holidays: async (kit, token, unique) => {
    const day = new Date(Date.UTC(2000, 0, 1) + (parseInt(unique, 16) % 146_000) * 86_400_000);
    return created(
      await kit.request('POST', '/holidays', {
        token,
        body: { date: day.toISOString().slice(0, 10), name: `Fixture ${unique}` },
      }),
    );
  },
  cdrs: async (kit, token, unique) => {
    const account = await kit.request<{ id: string; tenantId: string }>('POST', '/accounts', {
      token,
      body: { code: `FXC-${unique}`, name: `Fixture ${unique}` },
    });
    created(account);
    return insertTestCdr(kit.dataSource, { tenantId: account.body.tenantId, accountId: account.body.id });
  },
  ledger: async (kit, token, unique) => {
    const accountId = created(
      await kit.request('POST', '/accounts', {
        token,
        body: { code: `FXG-${unique}`, name: `Fixture ${unique}` },
      }),
    );
    return created(
      await kit.request('POST', `/accounts/${accountId}/top-ups`, {
        token,
        body: { amount: '5', idempotencyKey: `fixture-${unique}` },
      }),
    );
  },
  'cdr-reratings': async (kit, token) => {
    const response = await kit.request('POST', '/cdr-reratings', {
      token,
      body: { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' },
    });
    if (response.status !== 202)
      throw new Error(`fixture creation failed: ${response.status} ${JSON.stringify(response.body)}`);
    return (response.body as { id: string }).id;
  },
  'cdr-imports': async (kit, token, unique) => {
    const account = await kit.request<{ id: string; tenantId: string }>('POST', '/accounts', {
      token,
      body: { code: `FXI-${unique}`, name: `Fixture ${unique}` },
    });
    created(account);
    return insertTestCdrImport(kit.dataSource, account.body.tenantId);
  },
  invoices: async (kit, token, unique) => {
    const accountId = created(
      await kit.request('POST', '/accounts', {
        token,
        body: { code: `FXV-${unique}`, name: `Fixture ${unique}` },
      }),
    );
    // Dated back so that a month before the present one is billable.
    await kit.dataSource.query(`UPDATE accounts SET created_at = '2026-01-01T00:00:00Z' WHERE id = $1`, [
      accountId,
    ]);
    return created(await kit.request('POST', '/invoices', { token, body: { accountId, month: '2026-10' } }));
  },
};

export function created(response: { status: number; body: unknown }): string {
  if (response.status !== 201)
    throw new Error(`fixture creation failed: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body as { id: string }).id;
}
