import { Counter, Histogram, type Registry } from 'prom-client';
import { QueryFailedError } from 'typeorm';

/** Why a CDR job attempt failed, as a small set of classes (the label of tollgate_cdr_job_failures_total). */
export type FailureReason = 'malformed' | 'rejected' | 'database' | 'connection' | 'other';

/**
 * CDRs/s is rate(cdr_jobs_total) (one count per CDR, whether its job held one or many), lag the time from enqueue to processing, failures by reason class,
 * and how long after its end a call's CDR is stored.
 */
export class CdrWorkerMetrics {
  readonly jobs: Counter<'outcome'>;
  readonly failures: Counter<'reason'>;
  readonly endToStored: Histogram;
  readonly unrated: Counter;
  readonly deadLetters: Counter;
  readonly lag: Histogram;
  readonly batchSeconds: Histogram;

  constructor(registry: Registry) {
    this.jobs = new Counter({
      name: 'tollgate_cdr_jobs_total',
      help: 'CDRs processed, by outcome (stored, duplicate, rejected, failed; split: taken out of a failed batch job and queued alone)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'tollgate_cdr_job_failures_total',
      help: 'CDR job attempts that failed, by reason class (malformed, rejected, database, connection, other)',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.endToStored = new Histogram({
      name: 'tollgate_cdr_end_to_stored_seconds',
      help: "Time from a call's end to its CDR being stored",
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 300, 1_800, 3_600, 86_400],
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

const CONNECTION_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|08\d{3}|57P0[1-3])$/;

/** The class of an error that failed a CDR job attempt (it is retried with backoff). */
export function failureReason(error: unknown): FailureReason {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CONNECTION_CODES.test(code)) return 'connection';
  if (error instanceof QueryFailedError) return 'database';
  return 'other';
}
