import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, type TestDatabase } from '@tollgate/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApiEnvironment } from '../api-environment';
import { createApiApp } from '../create-api-app';

describe('GET /health, /metrics and the API docs on the real PostgreSQL and Redis', () => {
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

  it('says PostgreSQL and Redis are up', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      details: { postgresql: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('serves Prometheus metrics with the platform prefix', async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('tollgate_process_cpu_seconds_total');
  });

  it('publishes the OpenAPI document and its docs page', async () => {
    const document = await app.inject({ method: 'GET', url: '/docs/openapi.json' });
    expect(document.json()).toMatchObject({
      openapi: expect.stringMatching(/^3\./),
      info: { title: 'Tollgate API' },
    });
    expect(Object.keys(document.json().paths)).toContain('/health');
    const page = await app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui');
  });
});
