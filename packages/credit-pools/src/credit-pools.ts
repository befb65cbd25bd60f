import type Decimal from 'decimal.js';
import type Redis from 'ioredis';
import { reservationFingerprint, scriptTerms, type RateTermsSnapshot } from './call-terms';
import type {
  BeginRequest,
  BeginResult,
  BillingType,
  CallEvent,
  CallSnapshot,
  CallState,
  ChannelGroup,
  EndRequest,
  EndResult,
  LiveCall,
  MeterResult,
  PoolLedgerEntry,
  PoolLedgerResult,
  PoolSnapshot,
  ReleaseResult,
  ReserveRequest,
  ReserveResult,
  Settlement,
  SetCallCapResult,
  SweepResult,
} from './credit-pool.types';
import { fromMicro, toMicro, type DecimalInput } from './micro-units';
import {
  accountOfDeadlinesKey,
  accountOfOpenIndexKey,
  callKey,
  callsBegunChannel,
  deadlinesPattern,
  openIndexPattern,
  poolKeys,
} from './pool-keys';
import { definePoolScripts, type PoolScripts, type ScriptReply } from './pool-scripts';

export interface CreditPoolOptions {
  /** First segment of every key. Default `tollgate`. */
  readonly keyPrefix: string;
  /** Default cap on a max duration, seconds. */
  readonly maxSeconds: number;
  /** Default time a reservation waits for `begin`, seconds. */
  readonly reservationTtlSeconds: number;
  /** How long a closed call is kept so that late or repeated events change nothing, seconds. */
  readonly retentionSeconds: number;
}

/** One call's posted charge for `applyCallCharges`. */
export interface CallChargeRequest {
  readonly accountId: string;
  readonly callId: string;
  readonly entry: PoolLedgerEntry;
}

const DEFAULTS: CreditPoolOptions = {
  keyPrefix: 'tollgate',
  maxSeconds: 86_400,
  reservationTtlSeconds: 180,
  retentionSeconds: 86_400,
};

const GROUP_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;
const MAX_ID_LENGTH = 512;

/**
 * Shared credit pools in Redis: one atomic script per operation, so `authorize` costs one round trip.
 * Amounts go in and out as exact decimals and travel as integer micro-units.
 */
export class CreditPools {
  private readonly scripts: PoolScripts;
  private readonly options: CreditPoolOptions;

  constructor(
    private readonly redis: Redis,
    options?: Partial<CreditPoolOptions>,
  ) {
    this.scripts = definePoolScripts(redis);
    this.options = { ...DEFAULTS, ...options };
  }

  /** First segment of every key (and of the channels and streams beside them). */
  get keyPrefix(): string {
    return this.options.keyPrefix;
  }

  /**
   * Loads the pool from `seed` if Redis has none, returns expired reservations, checks channel limits,
   * computes the max duration over every call of the pool and reserves for it.
   */
  async reserve(request: ReserveRequest): Promise<ReserveResult> {
    const { accountId, callId, seed, rate } = request;
    const fromTag = request.fromTag ?? '';
    const maxSeconds = positiveSeconds(request.maxSeconds ?? this.options.maxSeconds, 'maxSeconds');
    const ttl = positiveSeconds(
      request.reservationTtlSeconds ?? this.options.reservationTtlSeconds,
      'reservationTtlSeconds',
    );
    assertId(callId, 'callId');
    assertId(fromTag, 'fromTag', true);
    if (seed.currency !== rate.currency) {
      throw new RangeError(`rate currency ${rate.currency} differs from the account's ${seed.currency}`);
    }
    const limit = microOf(seed.creditLimit, 'creditLimit');
    if (limit < 0n) throw new RangeError('creditLimit must not be negative');
    const channels = request.channels ?? [];
    const terms = scriptTerms(rate, maxSeconds);
    const fingerprint = reservationFingerprint({
      fromTag,
      terms,
      maxSeconds,
      groups: channels.map((group) => group.name),
    });
    const keys = poolKeys(this.options.keyPrefix, accountId);
    const reply = await this.scripts.tollgatePoolReserve(
      keys.pool,
      keys.open,
      keys.deadlines,
      callKey(this.options.keyPrefix, accountId, callId),
      callId,
      fingerprint,
      String(epochMs(request.now)),
      String(ttl * 1000),
      String(this.options.retentionSeconds * 1000),
      seed.currency,
      seed.billingType,
      microOf(seed.balance, 'balance').toString(),
      limit.toString(),
      String(channelLimit(request.maxCalls, 'maxCalls')),
      groupSpec(channels),
      String(maxSeconds),
      fromTag,
      terms.encoded,
      JSON.stringify(terms.snapshot),
      nonNegativeVersion(seed.balanceVersion),
      JSON.stringify(request.details ?? {}),
    );
    return reserveResult(reply);
  }

  /** Reserved → active at the answer time; repeated begins change nothing. */
  async begin(request: BeginRequest): Promise<BeginResult> {
    const reply = await this.scripts.tollgatePoolBegin(
      ...this.callKeys(request),
      request.callId,
      String(epochMs(request.now)),
      request.fromTag ?? '',
      request.toTag ?? '',
      String(this.options.retentionSeconds * 1000),
      request.dialog === undefined ? '' : String(request.dialog.entry),
      request.dialog === undefined ? '' : String(request.dialog.id),
    );
    const [code, value] = reply;
    if (code === 'OK') {
      // Call control meters the pools it knows; this tells it at once (its periodic scan is the safety net).
      await this.redis.publish(callsBegunChannel(this.options.keyPrefix), request.accountId);
      return { status: 'begun', answeredAt: dateOf(value) };
    }
    if (code === 'ALREADY_ACTIVE') return { status: 'already-active', answeredAt: dateOf(value) };
    if (code === 'EXPIRED') return { status: 'expired' };
    if (code === 'CLOSED') return { status: 'closed', state: value as 'ended' | 'released' };
    return commonRefusal(reply);
  }

  /**
   * Settles the call: its final cost is charged to the pool and the reservation it still held is
   * returned. Works from reserved (no begin) and from expired; a repeated end returns the first settlement.
   */
  async end(request: EndRequest): Promise<EndResult> {
    const cost = toMicro(request.cost, 'cost');
    if (cost < 0n) throw new RangeError('cost must not be negative');
    const reply = await this.scripts.tollgatePoolEnd(
      ...this.callKeys(request),
      request.callId,
      String(epochMs(request.now)),
      cost.toString(),
      request.fromTag ?? '',
      request.toTag ?? '',
      String(this.options.retentionSeconds * 1000),
    );
    const [code, ...values] = reply;
    if (code === 'OK')
      return { status: 'settled', ...settlement(values), available: fromMicro(at(values, 4)) };
    if (code === 'ALREADY_ENDED') return { status: 'already-settled', ...settlement(values) };
    if (code === 'CLOSED') return { status: 'closed', state: 'released' };
    return commonRefusal(reply);
  }

  /** A call that was never answered: its reservation goes back to the pool. */
  async release(request: CallEvent): Promise<ReleaseResult> {
    const reply = await this.scripts.tollgatePoolRelease(
      ...this.callKeys(request),
      request.callId,
      String(epochMs(request.now)),
      request.fromTag ?? '',
      String(this.options.retentionSeconds * 1000),
    );
    const [code, ...values] = reply;
    if (code === 'OK') {
      return {
        status: 'released',
        reservationReturned: fromMicro(at(values, 0)),
        available: fromMicro(at(values, 1)),
      };
    }
    if (code === 'ALREADY_RELEASED') {
      return { status: 'already-released', reservationReturned: fromMicro(at(values, 0)) };
    }
    if (code === 'EXPIRED') return { status: 'expired' };
    if (code === 'ACTIVE') return { status: 'active' };
    if (code === 'CLOSED') return { status: 'closed', state: 'ended' };
    return commonRefusal(reply);
  }

  /** Returns the credit of this account's reservations whose deadline has passed. */
  async sweepExpired(accountId: string, now?: Date): Promise<SweepResult> {
    const keys = poolKeys(this.options.keyPrefix, accountId);
    const [count, returned] = await this.scripts.tollgatePoolSweep(
      keys.pool,
      keys.open,
      keys.deadlines,
      String(epochMs(now)),
    );
    return { expired: Number(count), returned: fromMicro(returned ?? '0') };
  }

  /**
   * Sweeps every pool that has reservations waiting for `begin` (found by SCAN on their deadline index).
   * On Redis Cluster, run it against each master.
   */
  async sweepAll(now?: Date): Promise<SweepResult> {
    const at = now ?? new Date();
    let expired = 0;
    let returned = fromMicro('0');
    const stream = this.redis.scanStream({ match: deadlinesPattern(this.options.keyPrefix), count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      for (const key of keys) {
        const swept = await this.sweepExpired(accountOfDeadlinesKey(this.options.keyPrefix, key), at);
        expired += swept.expired;
        returned = returned.plus(swept.returned);
      }
    }
    return { expired, returned };
  }

  /**
   * Brings a committed ledger entry that is not a call charge (call costs reach the pool through `end`)
   * into the account's pool: added once, and only when the pool was loaded from an older balance.
   */
  async applyLedgerEntry(accountId: string, entry: PoolLedgerEntry): Promise<PoolLedgerResult> {
    const limit = toMicro(entry.creditLimit, 'creditLimit');
    if (limit < 0n) throw new RangeError('creditLimit must not be negative');
    assertId(entry.entryId, 'entryId');
    const keys = poolKeys(this.options.keyPrefix, accountId);
    const [code, value] = await this.scripts.tollgatePoolLedgerEntry(
      keys.pool,
      keys.ledger,
      entry.entryId,
      toMicro(entry.amount, 'amount').toString(),
      toMicro(entry.balanceAfter, 'balanceAfter').toString(),
      nonNegativeVersion(entry.balanceVersion),
      entry.currency,
      entry.billingType,
      limit.toString(),
      String(epochMs(entry.now)),
      String(this.options.retentionSeconds * 1000),
    );
    return ledgerResult(code, value);
  }

  /**
   * Brings a call's final charge, committed to the ledger by cdr-worker, into the account's pool: the
   * live amount `end` charged leaves the pool as the posted charge enters its balance, so the pool
   * moves by the difference only and counts the call once, whenever it was loaded (see the script).
   */
  async applyCallCharge(
    accountId: string,
    callId: string,
    entry: PoolLedgerEntry,
  ): Promise<PoolLedgerResult> {
    const [code, value] = await this.scripts.tollgatePoolCallCharge(
      ...this.callChargeArguments({ accountId, callId, entry }),
    );
    return ledgerResult(code, value);
  }

  /**
   * `applyCallCharge` for many calls in one pipelined round trip, executed in the order given (so one
   * account's charges apply in order). One result per charge: its outcome, or the error that refused it
   * (a charge refused by its script, or invalid, does not stop the others).
   */
  async applyCallCharges(charges: readonly CallChargeRequest[]): Promise<Array<PoolLedgerResult | Error>> {
    const results: Array<PoolLedgerResult | Error | undefined> = [];
    const pipeline = this.redis.pipeline();
    const scripts = pipeline as unknown as PoolScripts;
    const sent: number[] = [];
    charges.forEach((charge, index) => {
      try {
        const args = this.callChargeArguments(charge);
        void scripts.tollgatePoolCallCharge(...args);
        sent.push(index);
      } catch (error) {
        results[index] = error as Error;
      }
    });
    if (sent.length > 0) {
      const replies = (await pipeline.exec()) ?? [];
      sent.forEach((index, position) => {
        const [error, reply] = replies[position] ?? [new Error('no reply from Redis'), undefined];
        if (error) results[index] = error;
        else {
          const [code, value] = reply as [string | undefined, string | undefined];
          try {
            results[index] = ledgerResult(code, value);
          } catch (refused) {
            results[index] = refused as Error;
          }
        }
      });
    }
    return results as Array<PoolLedgerResult | Error>;
  }

  private callChargeArguments({ accountId, callId, entry }: CallChargeRequest) {
    const limit = toMicro(entry.creditLimit, 'creditLimit');
    if (limit < 0n) throw new RangeError('creditLimit must not be negative');
    assertId(entry.entryId, 'entryId');
    assertId(callId, 'callId');
    const keys = poolKeys(this.options.keyPrefix, accountId);
    return [
      keys.pool,
      keys.ledger,
      entry.entryId,
      toMicro(entry.amount, 'amount').toString(),
      toMicro(entry.balanceAfter, 'balanceAfter').toString(),
      nonNegativeVersion(entry.balanceVersion),
      entry.currency,
      entry.billingType,
      limit.toString(),
      String(epochMs(entry.now)),
      String(this.options.retentionSeconds * 1000),
      callId,
    ] as const;
  }

  /**
   * One metering pass over the pool (call control, every check period): charges the answered calls their
   * cost so far, recomputes how long they can all go on, and says which calls to end.
   */
  async meter(accountId: string, now?: Date): Promise<MeterResult> {
    const keys = poolKeys(this.options.keyPrefix, accountId);
    const reply = await this.scripts.tollgatePoolMeter(
      keys.pool,
      keys.open,
      keys.deadlines,
      String(epochMs(now)),
      String(this.options.maxSeconds),
    );
    const [code] = reply;
    switch (code) {
      case 'NONE':
        return { status: 'none' };
      case 'IDLE':
        return { status: 'idle', available: fromMicro(at(reply, 1)) };
      case 'EXHAUSTED':
        return {
          status: 'exhausted',
          available: fromMicro(at(reply, 1)),
          consumed: fromMicro(at(reply, 2)),
          calls: reply.slice(3),
        };
      case 'OK':
        return {
          status: 'metered',
          secondsLeft: Number(at(reply, 1)),
          available: fromMicro(at(reply, 2)),
          consumed: fromMicro(at(reply, 3)),
          activeCalls: Number(at(reply, 4)),
          overdue: reply.slice(5),
        };
      default:
        throw new RangeError(`the calls of pool ${accountId} cannot be priced exactly (${code})`);
    }
  }

  async pool(accountId: string): Promise<PoolSnapshot | null> {
    const fields = await this.redis.hgetall(poolKeys(this.options.keyPrefix, accountId).pool);
    if (fields.currency === undefined) return null;
    const micro = (field: string): bigint => BigInt(fields[field] ?? '0');
    const billingType = fields.billing as BillingType;
    const credit = micro('balance') + (billingType === 'postpaid' ? micro('limit') : 0n);
    const channels: Record<string, number> = {};
    for (const [field, value] of Object.entries(fields)) {
      if (field.startsWith('ch:')) channels[field.slice(3)] = Number(value);
    }
    return {
      accountId,
      currency: fields.currency,
      billingType,
      balance: fromMicro(micro('balance')),
      creditLimit: fromMicro(micro('limit')),
      charged: fromMicro(micro('charged')),
      reserved: fromMicro(micro('reserved')),
      available: fromMicro(credit - micro('charged') - micro('reserved')),
      consumed: fromMicro(micro('consumed')),
      calls: Number(fields.calls ?? '0'),
      channels,
    };
  }

  /** Every account whose pool has open calls (SCAN: cheap per call, but walks the whole keyspace). */
  async *accountsWithOpenCalls(): AsyncGenerator<string> {
    const { keyPrefix } = this.options;
    const stream = this.redis.scanStream({ match: openIndexPattern(keyPrefix), count: 1000 });
    for await (const keys of stream as AsyncIterable<string[]>)
      for (const key of keys) yield accountOfOpenIndexKey(keyPrefix, key);
  }

  /** The open calls of a pool, as call control needs them. */
  async liveCalls(accountId: string): Promise<LiveCall[]> {
    const entries = await this.redis.hgetall(poolKeys(this.options.keyPrefix, accountId).open);
    return Object.entries(entries).map(([callId, raw]) => {
      const entry = openEntry(raw);
      return {
        callId,
        state: entry.answeredAt === null ? 'reserved' : 'active',
        answeredAt: entry.answeredAt,
        reserved: entry.reserved,
        groups: entry.groups,
      };
    });
  }

  async call(accountId: string, callId: string): Promise<CallSnapshot | null> {
    const keys = poolKeys(this.options.keyPrefix, accountId);
    const replies = await this.redis
      .multi()
      .hgetall(callKey(this.options.keyPrefix, accountId, callId))
      .hget(keys.open, callId)
      .exec();
    const fields = (replies?.[0]?.[1] ?? {}) as Record<string, string>;
    const open = (replies?.[1]?.[1] ?? null) as string | null;
    if (fields.state === undefined) return null;
    const stored = fields.state as CallState;
    const state = (stored === 'reserved' || stored === 'active') && open === null ? 'expired' : stored;
    const optionalDate = (value: string | undefined): Date | null => (value ? dateOf(value) : null);
    return {
      accountId,
      callId,
      state,
      fromTag: fields.fromTag ?? '',
      toTag: fields.toTag ?? '',
      rate: JSON.parse(fields.rate ?? '{}') as RateTermsSnapshot,
      maxSeconds: Number(fields.maxSeconds),
      capSeconds: Number(fields.cap ?? fields.maxSeconds),
      reserved: open === null ? fromMicro('0') : openEntry(open).reserved,
      groups: groupsOf(fields.groups ?? '-'),
      createdAt: dateOf(fields.createdAt),
      deadline: dateOf(fields.deadline),
      answeredAt: optionalDate(fields.answeredAt),
      endedAt: optionalDate(fields.endedAt),
      cost: fields.cost === undefined ? null : fromMicro(fields.cost),
      details: JSON.parse(fields.details ?? '{}') as Record<string, unknown>,
      dialog:
        fields.dialogEntry === undefined
          ? null
          : { entry: Number(fields.dialogEntry), id: Number(fields.dialogId) },
    };
  }

  /**
   * Changes how long a live call may last from its answer (an operator's or an integrator's limit,
   * cnxcc's "max time" updated while the call runs). Metering ends the call at answer + `seconds`,
   * at its next pass when that is already past.
   */
  async setCallCap(accountId: string, callId: string, seconds: number): Promise<SetCallCapResult> {
    const reply = await this.scripts.tollgatePoolSetCallCap(
      ...this.callKeys({ accountId, callId }),
      callId,
      String(positiveSeconds(seconds, 'seconds')),
    );
    const [code, value] = reply;
    if (code === 'OK') return { status: 'set', endsAt: value ? dateOf(value) : null };
    if (code === 'OVER_DIALOG_TIMEOUT') return { status: 'over-dialog-timeout', maxSeconds: Number(value) };
    if (code === 'CLOSED') return { status: 'closed' };
    return { status: 'unknown' };
  }

  private callKeys(request: CallEvent & { toTag?: string }): [string, string, string, string] {
    assertId(request.callId, 'callId');
    assertId(request.fromTag ?? '', 'fromTag', true);
    assertId(request.toTag ?? '', 'toTag', true);
    const keys = poolKeys(this.options.keyPrefix, request.accountId);
    return [
      keys.pool,
      keys.open,
      keys.deadlines,
      callKey(this.options.keyPrefix, request.accountId, request.callId),
    ];
  }
}

// `authorize` passes an account's amounts from the catalog (immutable Decimals) call after call: each is
// converted once. Values that fail are not kept, so they fail every time.
const microByAmount = new WeakMap<object, bigint>();

function microOf(amount: DecimalInput, what: string): bigint {
  if (typeof amount === 'string') return toMicro(amount, what);
  const known = microByAmount.get(amount);
  if (known !== undefined) return known;
  const micro = toMicro(amount, what);
  microByAmount.set(amount, micro);
  return micro;
}

function reserveResult(reply: ScriptReply): ReserveResult {
  const [code, ...values] = reply;
  switch (code) {
    case 'OK': {
      // authorize reads only maxSeconds: the decimals are made when read.
      const [reserved, available] = [at(values, 1), at(values, 2)];
      let reservedAmount: Decimal | undefined;
      let availableAmount: Decimal | undefined;
      return {
        status: 'reserved',
        maxSeconds: Number(at(values, 0)),
        get reserved(): Decimal {
          return (reservedAmount ??= fromMicro(reserved));
        },
        get available(): Decimal {
          return (availableAmount ??= fromMicro(available));
        },
      };
    }
    case 'DUPLICATE':
      return {
        status: 'duplicate',
        state: at(values, 0) as CallState,
        maxSeconds: Number(at(values, 1)),
        reserved: fromMicro(at(values, 2)),
        available: fromMicro(at(values, 3)),
      };
    case 'CONFLICT':
      return { status: 'conflict', state: at(values, 0) as CallState };
    case 'CURRENCY':
      return { status: 'currency-mismatch', poolCurrency: at(values, 0) };
    case 'CHANNEL_LIMIT':
      return { status: 'channel-limit', group: at(values, 0) };
    case 'NO_CREDIT':
      return { status: 'no-credit', available: fromMicro(at(values, 0)) };
    case 'RANGE':
      throw new RangeError('a call of this pool is beyond the exact range of the credit pool scripts');
    default:
      throw new Error(`Unexpected reserve reply: ${reply.join(' ')}`);
  }
}

function commonRefusal(reply: ScriptReply): { status: 'unknown' } | { status: 'tag-mismatch' } {
  if (reply[0] === 'UNKNOWN') return { status: 'unknown' };
  if (reply[0] === 'TAG_MISMATCH') return { status: 'tag-mismatch' };
  throw new Error(`Unexpected credit pool reply: ${reply.join(' ')}`);
}

function settlement(values: readonly string[]): Settlement {
  return {
    settledFrom: at(values, 0) as Settlement['settledFrom'],
    charged: fromMicro(at(values, 1)),
    reservationReturned: fromMicro(at(values, 2)),
    endedAt: dateOf(at(values, 3)),
  };
}

function openEntry(raw: string): {
  answeredAt: Date | null;
  reserved: ReturnType<typeof fromMicro>;
  groups: string[];
} {
  const [answered = '0', reserved = '0', groups = '-'] = raw.split(' ');
  return {
    answeredAt: answered === '0' ? null : dateOf(answered),
    reserved: fromMicro(reserved),
    groups: groupsOf(groups),
  };
}

function groupsOf(list: string): string[] {
  return list === '-' ? [] : list.split(',');
}

function groupSpec(channels: readonly ChannelGroup[]): string {
  if (channels.length === 0) return '-';
  const names = new Set<string>();
  return channels
    .map(({ name, max }) => {
      if (!GROUP_NAME.test(name) || name === 'account')
        throw new RangeError(`Not a channel group name: "${name}"`);
      if (names.has(name)) throw new RangeError(`Channel group "${name}" given twice`);
      names.add(name);
      return `${name}=${channelLimit(max, `channel group ${name}`)}`;
    })
    .join(',');
}

function channelLimit(max: number | null, what: string): number {
  if (max === null) return -1;
  if (!Number.isSafeInteger(max) || max < 0) throw new RangeError(`${what} must be an integer ≥ 0 or null`);
  return max;
}

function positiveSeconds(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${what} must be an integer ≥ 1, got ${value}`);
  return value;
}

function assertId(value: string, what: string, optional = false): void {
  if ((!optional && value.length === 0) || value.length > MAX_ID_LENGTH || /\s/.test(value)) {
    throw new RangeError(`${what} must be 1..${MAX_ID_LENGTH} characters without spaces`);
  }
}

function epochMs(now: Date | undefined): number {
  const ms = (now ?? new Date()).getTime();
  if (!Number.isSafeInteger(ms) || ms <= 0) throw new RangeError(`Not a valid instant: ${String(now)}`);
  return ms;
}

function dateOf(ms: string | undefined): Date {
  return new Date(Number(ms));
}

function at(values: readonly string[], index: number): string {
  const value = values[index];
  if (value === undefined) throw new Error(`Credit pool reply is missing value ${index}`);
  return value;
}

/** Versions are µs since the epoch: exact as Lua doubles up to 2^53 (year 2255). */
function nonNegativeVersion(version: bigint): string {
  if (version < 0n || version >= 2n ** 53n) throw new RangeError(`balance version out of range: ${version}`);
  return version.toString();
}

function ledgerResult(code: string | undefined, value: string | undefined): PoolLedgerResult {
  switch (code) {
    case 'LOADED':
      return { status: 'loaded', available: fromMicro(value!) };
    case 'APPLIED':
      return { status: 'applied', available: fromMicro(value!) };
    case 'INCLUDED':
      return { status: 'included' };
    case 'DUPLICATE':
      return { status: 'duplicate' };
    case 'CURRENCY':
      return { status: 'currency-mismatch', poolCurrency: value! };
    default:
      throw new Error(`unexpected reply from the ledger entry script: ${code}`);
  }
}
