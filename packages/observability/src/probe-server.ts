import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { type HealthCheck, runHealthChecks } from './health';

export interface ProbeServerOptions {
  host: string;
  port: number;
  checks: readonly HealthCheck[];
  registry: Registry;
}

/**
 * The only HTTP a worker serves: GET /health (200 when every check is up, 503 otherwise) and
 * GET /metrics in the Prometheus text format. A `degraded` report (an optional dependency down) is
 * still 200.
 */
export async function startProbeServer(options: ProbeServerOptions): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') return reply(response, 405, 'text/plain', 'method not allowed');
    if (path === '/health') {
      void runHealthChecks(options.checks).then((report) =>
        reply(response, report.status === 'error' ? 503 : 200, 'application/json', JSON.stringify(report)),
      );
      return;
    }
    if (path === '/metrics') {
      void options.registry
        .metrics()
        .then((text) => reply(response, 200, options.registry.contentType, text));
      return;
    }
    reply(response, 404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}

export function probeServerPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

function reply(response: import('node:http').ServerResponse, status: number, type: string, body: string) {
  response.writeHead(status, { 'content-type': type }).end(body);
}
