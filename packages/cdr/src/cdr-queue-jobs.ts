import { createHash } from 'node:crypto';
import { CDR_JOB_OPTIONS, cdrJobId, type CdrJob } from './cdr-job';

/** A job holding one CDR: its data is the CDR itself, its id the CDR's (`cdrJobId`). */
export const CDR_JOB_NAME = 'cdr';
/** A job holding several CDRs (`{ cdrs: [...] }`), rated and written in one transaction. */
export const CDR_BATCH_JOB_NAME = 'cdr-batch';
/** CDRs a producer puts in one job at most. */
export const MAX_CDRS_PER_JOB = 500;

export interface CdrBatchJobData {
  cdrs: CdrJob[];
}

/** What a producer hands to BullMQ's `add` / `addBulk`. */
export interface CdrQueueEntry {
  name: typeof CDR_JOB_NAME | typeof CDR_BATCH_JOB_NAME;
  data: CdrJob | CdrBatchJobData;
  opts: typeof CDR_JOB_OPTIONS & { jobId: string };
}

/**
 * The id of a job holding several CDRs: a hash of their Call-ID + leg keys, in order. The same CDRs
 * queued again in the same jobs (an import replayed, a bulk request sent twice) add nothing; any other
 * repeat is a no-op in PostgreSQL (unique Call-ID + leg, unique ledger keys).
 */
export function cdrBatchJobId(cdrs: readonly Pick<CdrJob, 'callId' | 'leg'>[]): string {
  // JSON, not a separator: a Call-ID may hold any character.
  const keys = JSON.stringify(cdrs.map((cdr) => [cdr.leg, cdr.callId]));
  return `cdrs-${createHash('sha256').update(keys).digest('base64url')}`;
}

/**
 * The jobs that carry `cdrs`: up to `maxPerJob` CDRs per job, in order. A lone CDR is a single-CDR job
 * under its own id, so a repeated add of one call (a repeated `end`) is dropped by BullMQ as before.
 */
export function cdrQueueEntries(
  cdrs: readonly CdrJob[],
  maxPerJob: number = MAX_CDRS_PER_JOB,
): CdrQueueEntry[] {
  const entries: CdrQueueEntry[] = [];
  for (let start = 0; start < cdrs.length; start += maxPerJob) {
    const chunk = cdrs.slice(start, start + maxPerJob);
    entries.push(
      chunk.length === 1
        ? {
            name: CDR_JOB_NAME,
            data: chunk[0]!,
            opts: { ...CDR_JOB_OPTIONS, jobId: cdrJobId(chunk[0]!.callId, chunk[0]!.leg) },
          }
        : {
            name: CDR_BATCH_JOB_NAME,
            data: { cdrs: chunk },
            opts: { ...CDR_JOB_OPTIONS, jobId: cdrBatchJobId(chunk) },
          },
    );
  }
  return entries;
}

/** The CDRs a job carries, as stored (unvalidated): a batch job's list, or a single-CDR job's data. */
export function cdrsOfJobData(data: unknown): unknown[] {
  const list = (data as { cdrs?: unknown } | null | undefined)?.cdrs;
  return Array.isArray(list) ? list : [data];
}

/** Whether a job's data is a batch (`{ cdrs: [...] }`) rather than one CDR. */
export function isCdrBatchJobData(data: unknown): data is { cdrs: unknown[] } {
  return Array.isArray((data as { cdrs?: unknown } | null | undefined)?.cdrs);
}

const LEG = /^[a-z0-9-]{1,16}$/;

/**
 * The single-CDR job id of a CDR taken out of a batch job (see the worker's split): its own id when it
 * names a Call-ID and leg, else one derived from its content (a malformed CDR still fails alone, once).
 */
export function singleCdrJobIdOf(cdr: unknown): string {
  const { callId, leg } = (cdr ?? {}) as { callId?: unknown; leg?: unknown };
  const legOrDefault = leg === undefined ? 'a' : leg;
  if (
    typeof callId === 'string' &&
    callId !== '' &&
    typeof legOrDefault === 'string' &&
    LEG.test(legOrDefault)
  )
    return cdrJobId(callId, legOrDefault);
  return `cdr-malformed-${createHash('sha256')
    .update(JSON.stringify(cdr ?? null))
    .digest('base64url')}`;
}

/**
 * Hands CDRs that come one at a time (a call's `end`) to the queue with group commit: a CDR is sent at
 * once when nothing is on its way, else with every CDR that came meanwhile, in one `addBulk` of jobs of
 * up to `maxPerJob` CDRs as soon as the send before returns. Each `add` resolves once its CDR is in
 * Redis (or rejects with the error that kept it out), so a caller answers only after the hand-over.
 */
export class CdrHandOverBuffer {
  private waiting: Array<{ cdr: CdrJob; resolve: () => void; reject: (error: unknown) => void }> = [];
  private sending = false;

  constructor(
    private readonly send: (entries: CdrQueueEntry[]) => Promise<unknown>,
    private readonly maxPerJob: number = MAX_CDRS_PER_JOB,
  ) {}

  add(cdr: CdrJob): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ cdr, resolve, reject });
      if (!this.sending) void this.sendWaiting();
    });
  }

  private async sendWaiting(): Promise<void> {
    this.sending = true;
    while (this.waiting.length > 0) {
      const group = this.waiting;
      this.waiting = [];
      try {
        await this.send(
          cdrQueueEntries(
            group.map((entry) => entry.cdr),
            this.maxPerJob,
          ),
        );
        for (const entry of group) entry.resolve();
      } catch (error) {
        for (const entry of group) entry.reject(error);
      }
    }
    this.sending = false;
  }
}
