import type { LevelKind, RatedLevel } from './rate-call-levels';

/**
 * The ledger idempotency key of one level's charge for one call: unique over the ledger, so a replayed
 * CDR, whatever its source, posts nothing twice.
 */
export function cdrLedgerKey(callId: string, leg: string, kind: LevelKind, partyId: string): string {
  return `cdr:${leg}:${kind}:${partyId}:${callId}`;
}

/** Who looks at a CDR: an end user (its account only), or a tenant (owner or reseller) by its path. */
export type LevelVisibility = { endUser: true } | { endUser: false; tenantPath: string };

/**
 * The levels a viewer may see: an end user its own price only; a tenant the customer's price and every
 * level priced at or below it (a reseller sees its own buy price and margin, never its parent's).
 */
export function visibleLevels(levels: readonly RatedLevel[], viewer: LevelVisibility): RatedLevel[] {
  return levels.filter((level) => {
    if (level.kind === 'customer') return true;
    if (viewer.endUser) return false;
    return level.tenantPath !== null && level.tenantPath.startsWith(viewer.tenantPath);
  });
}

/**
 * The ledger key of a rerating's adjustment of one level of one call, at the CDR's new rating revision:
 * `cdr-rerate:` never begins a first charge's key, and every field before the Call-ID is free of `:`,
 * so no two (call, level, party, revision) share a key. A replayed batch meets its own keys: a no-op.
 */
export function cdrRerateLedgerKey(
  callId: string,
  leg: string,
  kind: LevelKind,
  partyId: string,
  revision: number,
): string {
  return `cdr-rerate:${leg}:${kind}:${partyId}:${revision}:${callId}`;
}
