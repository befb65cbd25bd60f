import { collectDefaultMetrics, Registry } from 'prom-client';

/** A Prometheus registry with the process metrics (CPU, memory, event loop lag) of one service. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'tollgate_' });
  return registry;
}
