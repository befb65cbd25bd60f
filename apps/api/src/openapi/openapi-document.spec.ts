import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createTestDatabase, type TestDatabase } from '@tollgate/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApiEnvironment } from '../api-environment';
import { createApiApp } from '../create-api-app';
import { buildOpenApiDocument } from './openapi-document';

// The SDK (and so the portal) is generated from packages/sdk/openapi.json: it must be the API's document.
const committedDocument = join(__dirname, '..', '..', '..', '..', 'packages', 'sdk', 'openapi.json');

describe('the OpenAPI document the SDK is generated from', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createApiApp(
      readApiEnvironment({ ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'silent' }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('documents no field as an array that is not one', () => {
    // nestjs-zod marks properties whose JSON Schema `type` is not a plain string; @nestjs/swagger turns a
    // `type: ["string", "null"]` into an array of strings (see nullableText in http/field-schemas.ts).
    const raw = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const misread = Object.entries(raw.components?.schemas ?? {}).flatMap(([name, schema]) =>
      Object.entries((schema as { properties?: Record<string, Record<string, unknown>> }).properties ?? {})
        .filter(([, property]) => property['x-nestjs_zod-empty-type'] && property.type === 'array')
        .map(([field]) => `${name}.${field}`),
    );
    expect(misread).toEqual([]);
  });

  it('documents every success as a 2xx answer, never as the catch-all default', () => {
    const document = buildOpenApiDocument(app);
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'put', 'post', 'delete', 'patch'] as const)
        .filter((method) => item[method])
        .map((method) => ({ name: `${method.toUpperCase()} ${path}`, responses: item[method]!.responses })),
    );
    const byDefault = operations.filter(({ responses }) => 'default' in responses).map(({ name }) => name);
    expect(byDefault).toEqual([]);
    expect(document.paths['/accounts/{id}']!.get!.responses['2XX']).toBeDefined();
  });

  it('is in step with the API (run `npm run generate:sdk` after changing a route or DTO)', () => {
    const current = JSON.parse(JSON.stringify(buildOpenApiDocument(app)));
    expect(current).toEqual(JSON.parse(readFileSync(committedDocument, 'utf8')));
  });
});
