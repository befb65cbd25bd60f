import { z } from 'zod';

/** The BullMQ queue of reratings: the API adds, cdr-worker runs them batch by batch. */
export const CDR_RERATING_QUEUE = 'cdr-reratings';

/**
 * A rerating the API recorded (`cdr_reratings` row), or the automatic sweep of unrated CDRs that
 * cdr-worker queues itself after a catalog change (a rate may have appeared) and periodically.
 */
export const cdrReratingJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rerating'), reratingId: z.uuid() }),
  z.object({ kind: z.literal('unrated-sweep') }),
]);
export type CdrReratingJob = z.infer<typeof cdrReratingJobSchema>;

/**
 * Job ids: one job per rerating however often it is queued. Sweeps asked within the same
 * `SWEEP_BUCKET_MS` share one job; a change announced while a sweep runs gets the next one.
 */
export function cdrReratingJobId(job: CdrReratingJob, now = Date.now()): string {
  return job.kind === 'rerating'
    ? `rerating-${job.reratingId}`
    : `unrated-sweep-${Math.floor(now / SWEEP_BUCKET_MS)}`;
}

const SWEEP_BUCKET_MS = 2_000;

export const CDR_RERATING_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  // Removed once done, so the next sweep (same id) can be queued; the rerating's row keeps the outcome.
  removeOnComplete: true,
  removeOnFail: 1_000,
} as const;
