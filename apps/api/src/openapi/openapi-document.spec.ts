import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
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

  it('is in step with the API (run `npm run generate:sdk` after changing a route or DTO)', () => {
    const current = JSON.parse(JSON.stringify(buildOpenApiDocument(app)));
    expect(current).toEqual(JSON.parse(readFileSync(committedDocument, 'utf8')));
  });
});
