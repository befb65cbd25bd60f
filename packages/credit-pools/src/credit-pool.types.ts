import type Decimal from 'decimal.js';
import type { CallRate, RateTermsSnapshot } from './call-terms';
import type { DecimalInput } from './micro-units';

export type BillingType = 'prepaid' | 'postpaid';

/** `expired`: reserved, never begun, and its reservation returned when its deadline passed. */
export type CallState = 'reserved' | 'active' | 'ended' | 'released' | 'expired';

/** Where a new pool starts from when the account has none in Redis yet (authorize's in-memory account). */
export interface PoolSeed {
  readonly currency: string;
  readonly billingType: BillingType;
  /** The ledger balance; may be negative for a postpaid account. */
  readonly balance: DecimalInput;
  /**
   * Version of `balance` (the balance row's last update, µs since the epoch): ledger entries of a later
   * version are added to the pool by `applyLedgerEntry`, earlier ones are already in it. 0 = none yet.
   */
  readonly balanceVersion: bigint;
  /** Postpaid: how far below zero the pool may go. Ignored for prepaid pools. */
  readonly creditLimit: DecimalInput;
}

/** A ledger entry of the account that is not a call charge (a top-up, a fee, a refund), just committed. */
export interface PoolLedgerEntry {
  readonly entryId: string;
  /** Signed, from the account's side. */
  readonly amount: DecimalInput;
  /** The ledger balance right after the entry, and its version: what an absent pool is loaded from. */
  readonly balanceAfter: DecimalInput;
  readonly balanceVersion: bigint;
  readonly currency: string;
  readonly billingType: BillingType;
  readonly creditLimit: DecimalInput;
  readonly now?: Date;
}

/**
 * `loaded`: the pool was absent and now starts from the balance after the entry. `applied`: added.
 * `included`: the pool was loaded from a balance that already held it. `duplicate`: applied before.
 */
export type PoolLedgerResult =
  | { readonly status: 'loaded' | 'applied'; readonly available: Decimal }
  | { readonly status: 'included' | 'duplicate' }
  | { readonly status: 'currency-mismatch'; readonly poolCurrency: string };

/** A concurrent-call limit beyond the account's own: a line, a trunk, a direction ("line:<id>:out"). */
export interface ChannelGroup {
  readonly name: string;
  /** null = unlimited (still counted). */
  readonly max: number | null;
}

export interface ReserveRequest {
  readonly accountId: string;
  /** Identity of the call on the account (Kamailio's Call-ID). */
  readonly callId: string;
  readonly fromTag?: string;
  readonly seed: PoolSeed;
  /** The sell rate matched at the call start (packages/rating `Rate`). */
  readonly rate: CallRate;
  /** Cap on the max duration (seconds). Default: the service's `maxSeconds` option (86 400). */
  readonly maxSeconds?: number;
  /** Concurrent calls of the account; null = unlimited. */
  readonly maxCalls: number | null;
  readonly channels?: readonly ChannelGroup[];
  /** How long the reservation waits for `begin` before its credit returns to the pool. */
  readonly reservationTtlSeconds?: number;
  /** What the call's record keeps beside its money (parties, destination, route) for its CDR. */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly now?: Date;
}

export type ReserveResult =
  | {
      readonly status: 'reserved';
      /** The max duration: how long every call of the pool, this one included, can go on together. */
      readonly maxSeconds: number;
      /** This call's cost up to `maxSeconds`. */
      readonly reserved: Decimal;
      readonly available: Decimal;
    }
  | {
      /** The same call reserved again with the same content: nothing changed. */
      readonly status: 'duplicate';
      readonly state: CallState;
      readonly maxSeconds: number;
      /** What the call holds now (0 once closed). */
      readonly reserved: Decimal;
      readonly available: Decimal;
    }
  | { readonly status: 'conflict'; readonly state: CallState }
  | { readonly status: 'currency-mismatch'; readonly poolCurrency: string }
  | { readonly status: 'channel-limit'; readonly group: string }
  | { readonly status: 'no-credit'; readonly available: Decimal };

export interface CallEvent {
  readonly accountId: string;
  readonly callId: string;
  /** When given and the call has one, it must match: otherwise `tag-mismatch` and nothing changes. */
  readonly fromTag?: string;
  readonly now?: Date;
}

export interface BeginRequest extends CallEvent {
  readonly toTag?: string;
  /** Kamailio's dialog ids ($dlg(h_entry), $dlg(h_id)), kept so call control can end the dialog. */
  readonly dialog?: { readonly entry: number; readonly id: number };
}

export type MeterResult =
  /** No pool in Redis for the account. */
  | { readonly status: 'none' }
  /** No open call. */
  | { readonly status: 'idle'; readonly available: Decimal }
  | {
      readonly status: 'metered';
      /** How long every open call can still go on together (the cap when credit does not limit). */
      readonly secondsLeft: number;
      readonly available: Decimal;
      /** What the answered calls have cost so far. */
      readonly consumed: Decimal;
      readonly activeCalls: number;
      /** Calls past their own limit (answer + max seconds): to end. */
      readonly overdue: readonly string[];
    }
  /** The pool cannot pay the next pulse of its calls: end every one of these. */
  | {
      readonly status: 'exhausted';
      readonly available: Decimal;
      readonly consumed: Decimal;
      readonly calls: readonly string[];
    };

export type BeginResult =
  | { readonly status: 'begun'; readonly answeredAt: Date }
  | { readonly status: 'already-active'; readonly answeredAt: Date }
  | { readonly status: 'expired' }
  | { readonly status: 'closed'; readonly state: 'ended' | 'released' }
  | { readonly status: 'unknown' }
  | { readonly status: 'tag-mismatch' };

export interface EndRequest extends CallEvent {
  readonly toTag?: string;
  /** The call's final cost, rated by the caller (packages/rating), at most 6 decimals. */
  readonly cost: DecimalInput;
}

export interface Settlement {
  /** State the call was settled from: an end without begin settles from `reserved` (or `expired`). */
  readonly settledFrom: 'reserved' | 'active' | 'expired';
  readonly charged: Decimal;
  /** The reservation the call still held, returned to the pool (0 when it had expired). */
  readonly reservationReturned: Decimal;
  readonly endedAt: Date;
}

export type EndResult =
  | ({ readonly status: 'settled'; readonly available: Decimal } & Settlement)
  | ({ readonly status: 'already-settled' } & Settlement)
  | { readonly status: 'closed'; readonly state: 'released' }
  | { readonly status: 'unknown' }
  | { readonly status: 'tag-mismatch' };

export type ReleaseResult =
  | { readonly status: 'released'; readonly reservationReturned: Decimal; readonly available: Decimal }
  | { readonly status: 'already-released'; readonly reservationReturned: Decimal }
  | { readonly status: 'expired' }
  /** Answered calls are settled with `end`, never released. */
  | { readonly status: 'active' }
  | { readonly status: 'closed'; readonly state: 'ended' }
  | { readonly status: 'unknown' }
  | { readonly status: 'tag-mismatch' };

export type SetCallCapResult =
  /** `endsAt`: when metering ends the answered call (null while it rings: counted from its answer). */
  | { readonly status: 'set'; readonly endsAt: Date | null }
  /** Over the dialog timeout Kamailio was given at authorize, which it cannot raise afterwards. */
  | { readonly status: 'over-dialog-timeout'; readonly maxSeconds: number }
  | { readonly status: 'closed' }
  | { readonly status: 'unknown' };

export interface SweepResult {
  /** Reservations whose deadline had passed, now returned. */
  readonly expired: number;
  readonly returned: Decimal;
}

export interface PoolSnapshot {
  readonly accountId: string;
  readonly currency: string;
  readonly billingType: BillingType;
  readonly balance: Decimal;
  readonly creditLimit: Decimal;
  /** Settled call costs since the pool was loaded. */
  readonly charged: Decimal;
  /** Σ reservations of the open calls. */
  readonly reserved: Decimal;
  /** balance (+ credit limit when postpaid) − charged − reserved. */
  readonly available: Decimal;
  /** What the answered calls had cost at the last metering pass (part of `reserved`). */
  readonly consumed: Decimal;
  readonly calls: number;
  /** Open calls per channel group. */
  readonly channels: Readonly<Record<string, number>>;
}

export interface LiveCall {
  readonly callId: string;
  readonly state: 'reserved' | 'active';
  readonly answeredAt: Date | null;
  readonly reserved: Decimal;
  readonly groups: readonly string[];
}

export interface CallSnapshot {
  readonly accountId: string;
  readonly callId: string;
  readonly state: CallState;
  readonly fromTag: string;
  readonly toTag: string;
  readonly rate: RateTermsSnapshot;
  /** The dialog timeout Kamailio was given at authorize (the credit horizon then, capped). */
  readonly maxSeconds: number;
  /** The longest the call may last from its answer, whatever its credit: metering ends it then. */
  readonly capSeconds: number;
  /** What the call holds in the pool now (0 once closed). */
  readonly reserved: Decimal;
  readonly groups: readonly string[];
  readonly createdAt: Date;
  readonly deadline: Date;
  readonly answeredAt: Date | null;
  readonly endedAt: Date | null;
  readonly cost: Decimal | null;
  readonly details: Readonly<Record<string, unknown>>;
  /** Kamailio's dialog ids when `begin` carried them. */
  readonly dialog: { readonly entry: number; readonly id: number } | null;
}
