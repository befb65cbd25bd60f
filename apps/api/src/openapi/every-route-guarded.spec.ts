import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';
import { buildOpenApiDocument } from './openapi-document';

// The only routes that answer without credentials. A new route is guarded unless added here on purpose.
const PUBLIC_OPERATIONS = new Set([
  'GET /health',
  'POST /auth/login',
  'POST /auth/refresh',
  'POST /auth/logout',
]);

describe('every route of the OpenAPI document', () => {
  let kit: ApiTestKit;
  beforeAll(async () => (kit = await ApiTestKit.start()));
  afterAll(async () => kit?.close());

  it('answers 401 without credentials, except the public ones', async () => {
    const document = buildOpenApiDocument(kit.app);
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => ({ method: method.toUpperCase() as 'GET', path })),
    );
    expect(operations.length).toBeGreaterThan(PUBLIC_OPERATIONS.size);
    const unguarded: string[] = [];
    for (const { method, path } of operations) {
      const name = `${method} ${path}`;
      if (PUBLIC_OPERATIONS.has(name)) continue;
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const response = await kit.request(method, url, { body: method === 'GET' ? undefined : {} });
      if (response.status !== 401) unguarded.push(`${name} answered ${response.status}`);
    }
    expect(unguarded).toEqual([]);
  });
});
