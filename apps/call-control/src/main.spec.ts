import { join } from 'node:path';
import type { HealthReport } from '@tollgate/observability';
import { freePort, startServiceProcess } from '@tollgate/observability/testing';
import { describe, expect, it } from 'vitest';

const entryPoint = join(__dirname, '..', 'dist', 'main.js');

describe('call-control entry point', () => {
  it('serves health and metrics on its probe port and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const nobodyListens = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const service = await startServiceProcess(
      entryPoint,
      {
        REDIS_URL: process.env.REDIS_URL,
        KAMAILIO_RPC_URL: `http://127.0.0.1:${nobodyListens}/RPC`,
        CALL_CONTROL_PROBE_PORT: String(port),
        LOG_LEVEL: 'silent',
      },
      `${base}/health`,
    );
    try {
      const response = await fetch(`${base}/health`);
      const health = (await response.json()) as HealthReport;
      expect(health.checks.redis).toMatchObject({ status: 'up', required: true });
      // Kamailio unreachable: said, but a restart would not mend it, so still 200.
      expect(response.status).toBe(200);
      expect(health.status).toBe('degraded');
      expect(health.checks.kamailio).toMatchObject({ status: 'down', required: false });
      expect(health.checks.kamailio?.error).toBeTruthy();
      expect(await (await fetch(`${base}/metrics`)).text()).toContain('service="call-control"');
    } finally {
      expect(await service.stop()).toEqual({ code: 0, signal: null });
    }
  });

  it('refuses to start with a malformed REDIS_URL, naming it', async () => {
    const port = await freePort();
    await expect(
      startServiceProcess(
        entryPoint,
        { REDIS_URL: 'http://x', CALL_CONTROL_PROBE_PORT: String(port) },
        `http://127.0.0.1:${port}/health`,
      ),
    ).rejects.toThrow(/REDIS_URL: must be a redis:\/\/ URL/);
  });
});
