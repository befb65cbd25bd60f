import { createHash } from 'node:crypto';

/** Why call control ended a call. */
export type CallShutdownReason = 'credit-exhausted' | 'max-time' | 'operator-kill' | 'operator-terminate-all';

/**
 * A call call control ended through Kamailio: put on the `call-shutdown` BullMQ queue for whoever
 * subscribes (the API sends it to the operators' webhooks). One event per call, whatever the retries.
 */
export interface CallShutdownEvent {
  readonly reason: CallShutdownReason;
  readonly accountId: string;
  readonly callId: string;
  /** ISO 8601: when call control asked Kamailio to end the call. */
  readonly requestedAt: string;
}

export const CALL_SHUTDOWN_QUEUE = 'call-shutdown';

/**
 * The BullMQ job id: one job per call, so a repeated request adds nothing. Derived by hashing because a
 * Call-ID may hold `:`, which BullMQ refuses in custom ids.
 */
export function callShutdownJobId(event: Pick<CallShutdownEvent, 'accountId' | 'callId'>): string {
  return `shutdown-${createHash('sha256').update(`${event.accountId}\n${event.callId}`).digest('base64url')}`;
}

const REASONS = new Set<string>(['credit-exhausted', 'max-time', 'operator-kill', 'operator-terminate-all']);

/** The event in a job's data, or undefined when it is not one this version knows. */
export function readCallShutdownEvent(data: unknown): CallShutdownEvent | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { reason, accountId, callId, requestedAt } = data as Record<string, unknown>;
  if (typeof reason !== 'string' || !REASONS.has(reason)) return undefined;
  if (typeof accountId !== 'string' || typeof callId !== 'string' || typeof requestedAt !== 'string')
    return undefined;
  if (Number.isNaN(Date.parse(requestedAt))) return undefined;
  return { reason: reason as CallShutdownReason, accountId, callId, requestedAt };
}
