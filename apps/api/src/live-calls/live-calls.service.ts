import { Inject, Injectable } from '@nestjs/common';
import { Account } from '@tollgate/db';
import {
  callCommandsStream,
  callControlStatsKey,
  CreditPools,
  encodeCallCommand,
  type CallCommand,
  type PoolSnapshot,
} from '@tollgate/credit-pools';
import type Redis from 'ioredis';
import type { Actor } from '../audit/actor';
import { BadRequestError, ForbiddenError, NotFoundError } from '../http/domain-errors';
import { splitPath } from '../rating-catalog/catalog-snapshot';
import { RatingCatalog } from '../rating-catalog/rating-catalog';
import { REDIS } from '../redis/redis.module';
import { TenantResources } from '../tenancy/tenant-resources';

/** Most accounts listed at once: the live view of a large platform is for looking, not for export. */
const MAX_LISTED = 1_000;

/**
 * The operator's view of live calls (read from the credit pools in Redis) and the requests to end them,
 * which call control carries out through Kamailio (a command stream: see packages/credit-pools).
 */
@Injectable()
export class LiveCallsService {
  private readonly accounts;

  constructor(
    resources: TenantResources,
    private readonly pools: CreditPools,
    private readonly catalog: RatingCatalog,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.accounts = resources.of(Account, {
      label: 'account',
      entityType: 'account',
      endUserColumn: 'id',
      deletion: 'soft',
    });
  }

  /** Accounts of the caller's scope with calls up or ringing, most calls first. */
  async listAccounts(actor: Actor) {
    const snapshot = this.catalog.current;
    const listed = [];
    for await (const accountId of this.pools.accountsWithOpenCalls()) {
      const account = snapshot.account(accountId);
      if (account === undefined) continue;
      const inScope = actor.scope.isEndUser
        ? actor.scope.accountId === accountId
        : actor.scope.includesTenantPath(account.tenantPath);
      if (!inScope) continue;
      const pool = await this.pools.pool(accountId);
      if (pool === null || pool.calls === 0) continue;
      listed.push({ accountId, code: account.code, name: account.name, ...poolView(pool) });
    }
    listed.sort((a, b) => b.calls - a.calls || a.code.localeCompare(b.code));
    return { data: listed.slice(0, MAX_LISTED) };
  }

  /**
   * Live totals of the caller's scope; call control's running totals (metering passes, calls metered,
   * calls ended by reason) are platform-wide and shown to the owner only.
   */
  async statistics(actor: Actor) {
    const { data } = await this.listAccounts(actor);
    const isOwner = !actor.scope.isEndUser && splitPath(actor.scope.tenantPath).length === 1;
    let callControl = null;
    if (isOwner) {
      const totals = await this.redis.hgetall(callControlStatsKey(this.pools.keyPrefix));
      const endedByReason: Record<string, number> = {};
      for (const [field, value] of Object.entries(totals))
        if (field.startsWith('ended:')) endedByReason[field.slice('ended:'.length)] = Number(value);
      callControl = {
        meteringPasses: Number(totals.passes ?? 0),
        callsMetered: Number(totals.callsMetered ?? 0),
        endedByReason,
      };
    }
    return {
      liveAccounts: data.length,
      liveCalls: data.reduce((sum, row) => sum + row.calls, 0),
      callControl,
    };
  }

  async accountCalls(actor: Actor, accountId: string) {
    await this.accounts.get(actor, accountId);
    const pool = await this.pools.pool(accountId);
    const calls = [];
    for (const live of await this.pools.liveCalls(accountId)) {
      const call = await this.pools.call(accountId, live.callId);
      const detail = (name: string) => (typeof call?.details[name] === 'string' ? call.details[name] : null);
      calls.push({
        callId: live.callId,
        state: live.state,
        answeredAt: live.answeredAt?.toISOString() ?? null,
        reserved: live.reserved.toFixed(),
        direction: detail('direction'),
        destination: detail('destination'),
        callerNumber: detail('callerNumber'),
        lineId: detail('lineId'),
        maxSeconds: call?.maxSeconds ?? 0,
        capSeconds: Math.min(call?.capSeconds ?? 0, call?.maxSeconds ?? 0),
      });
    }
    // Answered calls first, longest up first; then the ringing ones.
    const order = (call: { answeredAt: string | null }) => call.answeredAt ?? '\uffff';
    calls.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : a.callId < b.callId ? -1 : 1));
    return { accountId, pool: pool && poolView(pool), calls };
  }

  async endCall(actor: Actor, accountId: string, callId: string) {
    await this.staffAccount(actor, accountId);
    const call = await this.pools.call(accountId, callId);
    if (call === null || (call.state !== 'active' && call.state !== 'reserved'))
      throw new NotFoundError('live call');
    await this.send({ kind: 'end-call', accountId, callId, requestedBy: requester(actor) });
    return { requested: 1 };
  }

  /** A new max time for one live call: call control's metering ends it at answer + seconds. */
  async setMaxTime(actor: Actor, accountId: string, callId: string, seconds: number) {
    await this.staffAccount(actor, accountId);
    const result = await this.pools.setCallCap(accountId, callId, seconds);
    if (result.status === 'unknown' || result.status === 'closed') throw new NotFoundError('live call');
    if (result.status === 'over-dialog-timeout')
      throw new BadRequestError(
        `must not exceed ${result.maxSeconds}: the dialog timeout Kamailio was given when the call was authorized, which it cannot raise`,
        'seconds',
      );
    return { callId, capSeconds: seconds, endsAt: result.endsAt?.toISOString() ?? null };
  }

  async endAccount(actor: Actor, accountId: string) {
    await this.staffAccount(actor, accountId);
    const calls = await this.pools.liveCalls(accountId);
    if (calls.length > 0) await this.send({ kind: 'end-account', accountId, requestedBy: requester(actor) });
    return { requested: calls.length };
  }

  private async staffAccount(actor: Actor, accountId: string): Promise<void> {
    await this.accounts.get(actor, accountId);
    if (actor.scope.isEndUser) throw new ForbiddenError('end users cannot end live calls');
  }

  private async send(command: CallCommand): Promise<void> {
    // Capped: commands are consumed within a second; the cap only bounds a stream nobody reads.
    await this.redis.xadd(
      callCommandsStream(this.pools.keyPrefix),
      'MAXLEN',
      '~',
      '10000',
      '*',
      ...encodeCallCommand(command),
    );
  }
}

function poolView(pool: PoolSnapshot) {
  return {
    currency: pool.currency,
    billingType: pool.billingType,
    available: pool.available.toFixed(),
    reserved: pool.reserved.toFixed(),
    consumed: pool.consumed.toFixed(),
    calls: pool.calls,
  };
}

function requester(actor: Actor): string {
  return `${actor.principal.kind}:${actor.principal.id}`;
}
