import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@tollgate/db/testing';
import { freePort, startServiceProcess } from '@tollgate/observability/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const entryPoint = join(__dirname, '..', 'dist', 'main.js');

describe('cdr-worker entry point', () => {
  let database: TestDatabase;
  beforeAll(async () => (database = await createTestDatabase()));
  afterAll(async () => database?.drop());

  it('reports PostgreSQL and Redis on its probe port and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const service = await startServiceProcess(
      entryPoint,
      {
        DATABASE_URL: database.url,
        REDIS_URL: process.env.REDIS_URL,
        CDR_WORKER_PROBE_PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      `${base}/health`,
    );
    try {
      const health = (await (await fetch(`${base}/health`)).json()) as { checks: Record<string, unknown> };
      expect(health.checks).toMatchObject({ postgresql: { status: 'up' }, redis: { status: 'up' } });
      expect(await (await fetch(`${base}/metrics`)).text()).toContain('service="cdr-worker"');
    } finally {
      expect(await service.stop()).toEqual({ code: 0, signal: null });
    }
  });
});
