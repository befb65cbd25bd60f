import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../openapi/openapi-document';
import { ApiTestKit } from '../testing/api-test-kit';
import { crossTenantFixtures } from '../testing/cross-tenant-fixtures';

interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
}

// Two resellers side by side under one owner. Everything reseller B owns must be invisible to
// reseller A: 404 on every route that names it, absent from every list, and unchanged afterwards.
describe('tenancy across every route', () => {
  let kit: ApiTestKit;
  let operations: Operation[];
  const tokens = { owner: '', a: '', b: '' };

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const owner = await kit.createTenant('Cross Owner');
    const a = await kit.createTenant('Cross Reseller A', owner.tenant);
    const b = await kit.createTenant('Cross Reseller B', owner.tenant);
    tokens.owner = await kit.login(owner.user.email);
    tokens.a = await kit.login(a.user.email);
    tokens.b = await kit.login(b.user.email);
    const document = buildOpenApiDocument(kit.app);
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => ({ method: method.toUpperCase() as Operation['method'], path })),
    );
  });
  afterAll(async () => kit?.close());

  const resourceOf = (path: string) => path.split('/')[1] ?? '';

  it('every route naming an object has a fixture to try it with', () => {
    const missing = operations
      .filter((o) => o.path.includes('{id}') && !(resourceOf(o.path) in crossTenantFixtures))
      .map((o) => `${o.method} ${o.path}`);
    expect(missing).toEqual([]);
  });

  it("answers 404 to reseller A for every route naming reseller B's object, and changes nothing", async () => {
    const leaks: string[] = [];
    for (const operation of operations.filter((o) => o.path.includes('{id}'))) {
      const fixture = crossTenantFixtures[resourceOf(operation.path)]!;
      const id = await fixture(kit, tokens.b, randomUUID().slice(0, 8));
      const url = operation.path.replace('{id}', id).replace(/\{[^}]+\}/g, randomUUID());
      const before = await kit.request('GET', operation.path.replace('{id}', id).split('/{')[0]!, {
        token: tokens.b,
      });
      const response = await kit.request(operation.method, url, {
        token: tokens.a,
        body: operation.method === 'GET' || operation.method === 'DELETE' ? undefined : {},
      });
      if (response.status !== 404)
        leaks.push(`${operation.method} ${operation.path} answered ${response.status}`);
      const after = await kit.request('GET', operation.path.replace('{id}', id).split('/{')[0]!, {
        token: tokens.b,
      });
      expect(after.body).toEqual(before.body);
    }
    expect(leaks).toEqual([]);
    // A fixture and three requests for every {id} route: the walk grows with the API, and takes well over
    // the default 20 s on a loaded machine.
  }, 120_000);

  it("lists of reseller A never contain reseller B's objects, while the owner sees them", async () => {
    for (const operation of operations.filter((o) => o.method === 'GET' && !o.path.includes('{'))) {
      const fixture = crossTenantFixtures[resourceOf(operation.path)];
      if (!fixture) continue;
      const id = await fixture(kit, tokens.b, randomUUID().slice(0, 8));
      const ids = async (token: string) => {
        const response = await kit.request<{ data: Array<{ id: string }> }>(
          'GET',
          `${operation.path}?limit=200`,
          { token },
        );
        if (!response.body.data) throw new Error(`${operation.path}: ${JSON.stringify(response.body)}`);
        return response.body.data.map((row) => row.id);
      };
      expect(await ids(tokens.a), `${operation.path} as reseller A`).not.toContain(id);
      expect(await ids(tokens.b), `${operation.path} as reseller B`).toContain(id);
      expect(await ids(tokens.owner), `${operation.path} as the owner`).toContain(id);
    }
  });
});
