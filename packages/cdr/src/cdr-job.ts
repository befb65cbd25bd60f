import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The BullMQ queue every CDR source feeds and cdr-worker consumes. */
export const CDR_QUEUE = 'cdrs';

/** How every producer adds a CDR job: retried with backoff; failed jobs are kept as the dead letters. */
export const CDR_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  // A kept job makes BullMQ drop a replayed add of the same id; PostgreSQL's unique key covers the rest.
  removeOnComplete: { age: 86_400, count: 200_000 },
  removeOnFail: false,
} as const;

/** Where a CDR came from (shown on the CDR; every source is keyed the same way). */
export const CDR_SOURCES = ['rating-api', 'call-control', 'rest', 'file-import'] as const;
export type CdrSource = (typeof CDR_SOURCES)[number];

export const CALL_DIRECTIONS = ['outbound', 'inbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/** answered: the call was answered (it may still have cost nothing); not-answered: settled without a begin. */
export const CDR_DISPOSITIONS = ['answered', 'not-answered', 'busy', 'failed', 'cancelled'] as const;
export type CdrDisposition = (typeof CDR_DISPOSITIONS)[number];

const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/, { error: 'must be an exact decimal, e.g. 0.0125' });
const isoTime = z.iso.datetime({ offset: true });

/** The sell rate matched at authorize, as the credit pool stored it: what the live charge was priced with. */
export const rateSnapshotSchema = z.object({
  prefix: z.string().max(32).nullable(),
  destination: z.string().max(500).nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  pricePerMinute: decimalText,
  connectFee: decimalText,
  minCharge: decimalText,
  firstInterval: z.int().min(1),
  nextInterval: z.int().min(1),
  freeSeconds: z.int().min(0),
  noChargeBelow: z.int().min(0),
  rounding: z.object({
    mode: z.enum(['up', 'half-up', 'half-even', 'down']),
    decimals: z.int().min(0).max(8),
  }),
});

export type RateSnapshot = z.infer<typeof rateSnapshotSchema>;

/**
 * One finished call, as its source saw it: what cdr-worker needs to rate it at every level and store
 * it. Identified by Call-ID + leg whatever the source, so a replay changes nothing.
 */
export const cdrJobSchema = z.object({
  source: z.enum(CDR_SOURCES),
  callId: z.string().min(1).max(512),
  leg: z
    .string()
    .regex(/^[a-z0-9-]{1,16}$/, { error: 'must be 1 to 16 lower-case letters, digits or hyphens' })
    .default('a'),
  accountId: z.uuid(),
  lineId: z.uuid().nullable().default(null),
  trunkServiceId: z.uuid().nullable().default(null),
  didId: z.uuid().nullable().default(null),
  direction: z.enum(CALL_DIRECTIONS),
  caller: z.string().max(128).nullable().default(null),
  /** Normalised E.164 digits. */
  destination: z.string().regex(/^\d{1,32}$/, { error: 'must be E.164 digits' }),
  dialled: z.string().max(128).nullable().default(null),
  /** When the call was set up (authorize); it decides the CDR's month. */
  startedAt: isoTime,
  answeredAt: isoTime.nullable().default(null),
  endedAt: isoTime,
  /** Seconds from answer to hang-up. */
  durationSeconds: z
    .int()
    .min(0)
    .max(7 * 86_400),
  disposition: z.enum(CDR_DISPOSITIONS),
  sipCode: z.int().min(0).max(699).nullable().default(null),
  endCause: z.string().max(256).nullable().default(null),
  vendorId: z.uuid().nullable().default(null),
  vendorTrunkId: z.uuid().nullable().default(null),
  /** Null when the source did not rate the call live (e.g. a switch's CDR file). */
  rate: rateSnapshotSchema.nullable().default(null),
  /** What the credit pool took live for the call, in the account's currency; null when nothing was metered. */
  liveCharged: decimalText.nullable().default(null),
});

export type CdrJob = z.infer<typeof cdrJobSchema>;
export type CdrJobInput = z.input<typeof cdrJobSchema>;

/**
 * The BullMQ job id of a CDR: one per Call-ID + leg, so a second `add` of the same call is dropped while
 * the first job is kept. BullMQ refuses `:` in custom ids and a Call-ID may hold any character, so the
 * Call-ID is hashed (the job's payload keeps it as is).
 */
export function cdrJobId(callId: string, leg: string): string {
  return `cdr-${leg}-${createHash('sha256').update(callId).digest('base64url')}`;
}

/** First day (UTC) of the month of `at`: the partition key of the CDR table. */
export function cdrMonth(at: Date): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}-01`;
}
