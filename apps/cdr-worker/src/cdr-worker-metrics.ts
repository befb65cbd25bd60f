import { Counter, Histogram, type Registry } from 'prom-client';

/** jobs/s is rate(cdr_jobs_total), lag the time from enqueue to processing, failures by outcome. */
export class CdrWorkerMetrics {
  readonly jobs: Counter<'outcome'>;
  readonly unrated: Counter;
  readonly deadLetters: Counter;
  readonly lag: Histogram;
  readonly batchSeconds: Histogram;

  constructor(registry: Registry) {
    this.jobs = new Counter({
      name: 'tollgate_cdr_jobs_total',
      help: 'CDR jobs processed, by outcome (stored, duplicate, rejected, failed)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.unrated = new Counter({
      name: 'tollgate_cdr_unrated_total',
      help: 'CDRs stored unrated (a level had no rate)',
      registers: [registry],
    });
    this.deadLetters = new Counter({
      name: 'tollgate_cdr_dead_letters_total',
      help: 'CDR jobs that failed for good (kept as failed jobs)',
      registers: [registry],
    });
    this.lag = new Histogram({
      name: 'tollgate_cdr_lag_seconds',
      help: 'Time from enqueue to processing of a CDR job',
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120, 600],
      registers: [registry],
    });
    this.batchSeconds = new Histogram({
      name: 'tollgate_cdr_batch_seconds',
      help: 'Time to rate and write one batch of CDRs',
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }
}
