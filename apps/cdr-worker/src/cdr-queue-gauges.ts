import type { Queue } from 'bullmq';
import { Gauge, type Registry } from 'prom-client';

const STATES = ['wait', 'active', 'delayed', 'failed'] as const;

/**
 * The `cdrs` queue as Prometheus sees it, read from Redis at each scrape: jobs by state and the age of
 * the oldest job waiting to be taken (the queue's lag). A scrape that cannot reach Redis keeps the last
 * values rather than failing the whole /metrics page.
 */
export function registerCdrQueueGauges(registry: Registry, queue: Queue): void {
  new Gauge({
    name: 'tollgate_cdr_queue_jobs',
    help: 'CDR jobs in the queue by state (wait, active, delayed, failed: the dead letters)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const counts = await queue.getJobCounts(...STATES).catch(() => undefined);
      if (counts) for (const state of STATES) this.set({ state }, counts[state] ?? 0);
    },
  });
  new Gauge({
    name: 'tollgate_cdr_queue_oldest_waiting_seconds',
    help: 'Age of the oldest CDR job waiting to be taken, seconds (0 when none waits)',
    registers: [registry],
    async collect() {
      // Ascending: the job that has waited longest first.
      const oldest = await queue.getJobs(['wait'], 0, 0, true).catch(() => undefined);
      if (oldest) this.set(oldest[0] ? Math.max(0, Date.now() - oldest[0].timestamp) / 1000 : 0);
    },
  });
}
