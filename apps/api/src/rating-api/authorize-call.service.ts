import { Inject, Injectable, Logger } from '@nestjs/common';
import { CreditPools, type ReserveResult } from '@tollgate/credit-pools';
import { RatingCatalog } from '../rating-catalog/rating-catalog';
import { CALL_REFUSALS, type RefusalReason } from './call-refusals';
import type { AuthorizeCallDto, CallDecision } from './dto/rating-api.dto';
import { type CallPlan, type CallRefusal, planCall } from './plan-call';
import { RATING_API_SETTINGS, type RatingApiSettings } from './rating-api-settings';
import { RatingApiMetrics } from './rating-api.metrics';

/**
 * `authorize`: may this call go, for how long, via which carriers. Answered from the in-memory catalog
 * plus one atomic script on the account's credit pool (which also checks the channel limits); never
 * PostgreSQL.
 */
@Injectable()
export class AuthorizeCallService {
  private readonly logger = new Logger(AuthorizeCallService.name);

  constructor(
    private readonly catalog: RatingCatalog,
    private readonly pools: CreditPools,
    private readonly metrics: RatingApiMetrics,
    @Inject(RATING_API_SETTINGS) private readonly settings: RatingApiSettings,
  ) {}

  async authorize(request: AuthorizeCallDto, now = new Date()): Promise<CallDecision> {
    const endTimer = this.metrics.authorizeSeconds.startTimer();
    const decision = await this.decide(request, now);
    endTimer();
    this.metrics.decisions.inc({ reason: decision.reason });
    return decision;
  }

  private async decide(request: AuthorizeCallDto, now: Date): Promise<CallDecision> {
    const planned = planCall(this.catalog.current, request, now, this.settings);
    if (!('rate' in planned)) return refusal(planned);
    let reserved: ReserveResult;
    try {
      reserved = await this.pools.reserve({
        accountId: planned.account.id,
        callId: request.callId,
        fromTag: request.fromTag,
        seed: {
          currency: planned.account.currency,
          billingType: planned.account.billingType,
          balance: planned.account.balance.amount,
          balanceVersion: planned.account.balanceVersion,
          creditLimit: planned.account.creditLimit.amount,
        },
        rate: planned.rate,
        maxSeconds: this.settings.maxCallSeconds,
        maxCalls: planned.maxCalls,
        channels: planned.channels,
        reservationTtlSeconds: this.settings.reservationTtlSeconds,
        details: planned.details,
        now,
      });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      this.logger.error(`call ${request.callId} cannot be priced in the credit pool: ${error.message}`);
      return refusal({ ...planned, reason: 'internal' });
    }
    return this.answer(planned, reserved);
  }

  private answer(plan: CallPlan, reserved: ReserveResult): CallDecision {
    const refused = (reason: RefusalReason) => refusal({ reason, ...plan });
    switch (reserved.status) {
      case 'reserved':
        return authorized(plan, reserved.maxSeconds, reserved.maxSeconds >= this.settings.maxCallSeconds);
      case 'duplicate':
        // Kamailio asked again for the same call (a retransmission): the same answer, nothing reserved twice.
        if (reserved.state === 'reserved' || reserved.state === 'active')
          return authorized(plan, reserved.maxSeconds, reserved.maxSeconds >= this.settings.maxCallSeconds);
        return refused('call-closed');
      case 'conflict':
        return refused('call-id-conflict');
      case 'currency-mismatch':
        return refused('currency-mismatch');
      case 'channel-limit':
        return refused('channel-limit');
      case 'no-credit':
        return refused('no-credit');
    }
  }
}

function authorized(plan: CallPlan, maxSeconds: number, unlimited: boolean): CallDecision {
  return {
    authorized: true,
    code: unlimited ? 2 : 1,
    reason: unlimited ? 'unlimited' : 'limited-by-credit',
    sipCode: 200,
    sipReason: 'OK',
    challenge: false,
    direction: plan.direction,
    accountId: plan.account.id,
    billing: plan.account.billingType,
    maxSeconds,
    destination: plan.destination,
    carriers: [...plan.carriers],
    carrierCount: plan.carriers.length,
  };
}

function refusal(refused: CallRefusal): CallDecision {
  const { code, sipCode, sipReason } = CALL_REFUSALS[refused.reason];
  const challenge = refused.challenge === true;
  return {
    authorized: false,
    code,
    reason: refused.reason,
    sipCode: challenge ? 407 : sipCode,
    sipReason: challenge ? 'Proxy Authentication Required' : sipReason,
    challenge,
    direction: refused.direction ?? null,
    accountId: refused.account?.id ?? null,
    billing: refused.account?.billingType ?? null,
    maxSeconds: 0,
    destination: refused.destination ?? null,
    carriers: [],
    carrierCount: 0,
  };
}
