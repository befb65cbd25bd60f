import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { CatalogSnapshot } from './catalog-snapshot';

/** The catalog's gauges on the API's registry (`/metrics`); version and age are read at scrape time. */
export class CatalogMetrics {
  readonly rebuildSeconds: Histogram;
  readonly rebuildFailures: Counter;

  constructor(registry: Registry, current: () => CatalogSnapshot | undefined) {
    new Gauge({
      name: 'tollgate_rating_catalog_version',
      help: 'Version of the rating catalog snapshot served by this process (increases on every rebuild)',
      registers: [registry],
      collect() {
        this.set(current()?.version ?? 0);
      },
    });
    new Gauge({
      name: 'tollgate_rating_catalog_age_seconds',
      help: 'Seconds since the data of the served rating catalog snapshot was read from PostgreSQL',
      registers: [registry],
      collect() {
        const snapshot = current();
        if (snapshot) this.set((Date.now() - snapshot.loadedAt.getTime()) / 1000);
      },
    });
    this.rebuildSeconds = new Histogram({
      name: 'tollgate_rating_catalog_rebuild_seconds',
      help: 'Duration of rating catalog rebuilds (load and build), failed ones included',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.rebuildFailures = new Counter({
      name: 'tollgate_rating_catalog_rebuild_failures_total',
      help: 'Rating catalog rebuilds that failed (the previous snapshot stayed in service)',
      registers: [registry],
    });
  }
}
