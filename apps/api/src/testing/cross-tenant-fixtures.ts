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
};

export function created(response: { status: number; body: unknown }): string {
  if (response.status !== 201)
    throw new Error(`fixture creation failed: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body as { id: string }).id;
}
