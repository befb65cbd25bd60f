/**
 * Key names of one pool and its calls. The account id is the Redis Cluster hash tag (`{…}`), so a pool,
 * its indexes and every call on it share one slot and one script can touch them all atomically.
 */
export interface PoolKeys {
  readonly pool: string;
  /** Hash callId → live state of every open (reserved or active) call: the pool's call index. */
  readonly open: string;
  /** Sorted set callId → reservation deadline (epoch ms) of the calls reserved but not yet begun. */
  readonly deadlines: string;
  /** Sorted set ledger entry id → balance version of the entries brought into the pool. */
  readonly ledger: string;
}

const ACCOUNT_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

export function poolKeys(prefix: string, accountId: string): PoolKeys {
  const pool = `${prefix}:pool:{${assertAccountId(accountId)}}`;
  return { pool, open: `${pool}:open`, deadlines: `${pool}:deadlines`, ledger: `${pool}:ledger` };
}

/** The Call-ID comes after the hash tag, so braces or colons in it cannot move the key to another slot. */
export function callKey(prefix: string, accountId: string, callId: string): string {
  return `${prefix}:call:{${assertAccountId(accountId)}}:${callId}`;
}

/** Pattern matching the deadline index of every pool that has reservations waiting to be begun. */
export function deadlinesPattern(prefix: string): string {
  return `${escapeGlob(prefix)}:pool:{*}:deadlines`;
}

export function accountOfDeadlinesKey(prefix: string, key: string): string {
  return key.slice(`${prefix}:pool:{`.length, -'}:deadlines'.length);
}

function assertAccountId(accountId: string): string {
  if (!ACCOUNT_ID.test(accountId)) throw new RangeError(`Not a pool account id: "${accountId}"`);
  return accountId;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (character) => `\\${character}`);
}

/** Pattern matching the open-call index of every pool that has calls reserved or up. */
export function openIndexPattern(prefix: string): string {
  return `${escapeGlob(prefix)}:pool:{*}:open`;
}

export function accountOfOpenIndexKey(prefix: string, key: string): string {
  return key.slice(`${prefix}:pool:{`.length, -'}:open'.length);
}

/** Pub/sub channel on which the rating API announces the account of every call just answered. */
export function callsBegunChannel(prefix: string): string {
  return `${prefix}:calls:begun`;
}

/** Hash of call control's running totals (calls metered, calls ended by reason), read by the API. */
export function callControlStatsKey(prefix: string): string {
  return `${prefix}:call-control:stats`;
}
