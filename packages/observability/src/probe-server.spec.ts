import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { HealthReport } from './health';
import { createMetricsRegistry } from './metrics';
import { probeServerPort, startProbeServer } from './probe-server';

describe('probe server', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function start(failing: boolean, optionalFailing = false) {
    server = await startProbeServer({
      host: '127.0.0.1',
      port: 0,
      registry: createMetricsRegistry('probe-test'),
      checks: [
        { name: 'redis', check: async () => undefined },
        {
          name: 'postgresql',
          check: async () => {
            if (failing) throw new Error('connection refused');
          },
        },
        {
          name: 'kamailio',
          required: false,
          check: async () => {
            if (optionalFailing) throw new Error('ECONNREFUSED');
          },
        },
      ],
    });
    return `http://127.0.0.1:${probeServerPort(server)}`;
  }

  it('answers 200 with every check up', async () => {
    const base = await start(false);
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as HealthReport;
    expect(body.status).toBe('ok');
    expect(body.checks.redis?.status).toBe('up');
    expect(body.checks.postgresql?.status).toBe('up');
  });

  it('answers 503 and names the failing dependency', async () => {
    const base = await start(true);
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as HealthReport;
    expect(body.checks.postgresql).toMatchObject({ status: 'down', error: 'connection refused' });
    expect(body.checks.redis?.status).toBe('up');
  });

  it('answers 200 "degraded" when only an optional dependency is down, and 503 when a required one also is', async () => {
    const base = await start(false, true);
    const degraded = await fetch(`${base}/health`);
    expect(degraded.status).toBe(200);
    expect(await degraded.json()).toMatchObject({
      status: 'degraded',
      checks: { kamailio: { status: 'down', required: false, error: 'ECONNREFUSED' } },
    });
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    const both = await start(true, true);
    const failed = await fetch(`${both}/health`);
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as HealthReport).status).toBe('error');
  });

  it('serves Prometheus metrics labelled with the service', async () => {
    const base = await start(false);
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('tollgate_process_cpu_seconds_total{service="probe-test"}');
  });
});
