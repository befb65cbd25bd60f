import { Injectable } from '@nestjs/common';
import { cdrJobOfSettledCall } from '@tollgate/cdr';
import { callCost } from '@tollgate/rating';
import { CreditPools, rateOfSnapshot, type CallSnapshot, type Settlement } from '@tollgate/credit-pools';
import { CdrQueue } from '../cdrs/cdr-queue';
import type { BeginCallDto, EndCallDto, ReleaseCallDto } from './dto/rating-api.dto';
import { RatingApiMetrics } from './rating-api.metrics';

type BeginOutcome = { status: string; answeredAt: string | null };
type EndOutcome = {
  status: string;
  durationSeconds: number | null;
  billedSeconds: number | null;
  cost: string | null;
  currency: string | null;
};

/**
 * `begin`, `end` and `release`: a call's life after `authorize`, each idempotent by Call-ID and tags
 * (the credit pool scripts answer a repeated or late event with the first outcome, changing nothing).
 */
@Injectable()
export class CallEventsService {
  constructor(
    private readonly pools: CreditPools,
    private readonly metrics: RatingApiMetrics,
    private readonly cdrs: CdrQueue,
  ) {}

  async begin(request: BeginCallDto, now = new Date()): Promise<BeginOutcome> {
    const dialog =
      request.dialogEntry === undefined || request.dialogId === undefined
        ? undefined
        : { entry: request.dialogEntry, id: request.dialogId };
    const result = await this.pools.begin({
      ...call(request),
      toTag: request.toTag ?? '',
      ...(dialog === undefined ? {} : { dialog }),
      now,
    });
    this.metrics.events.inc({ event: 'begin', status: result.status });
    const answeredAt = 'answeredAt' in result ? result.answeredAt.toISOString() : null;
    return { status: result.status, answeredAt };
  }

  /**
   * Rates the call with the rate matched at authorize, for Kamailio's duration (else from `begin` to
   * now), and settles it. An end without begin is settled from the reservation. The settled call goes
   * on the CDR queue, again on a repeated end (its job id makes that a no-op unless the first add was
   * lost: then this end, which Kamailio retries after an error, hands it over).
   */
  async end(request: EndCallDto, now = new Date()): Promise<EndOutcome> {
    const stored = await this.pools.call(request.accountId, request.callId);
    if (stored === null) return this.ended({ status: 'unknown' });
    const durationSeconds = request.durationSeconds ?? elapsedSeconds(stored, now);
    const cost = callCost(rateOfSnapshot(stored.rate), durationSeconds);
    const result = await this.pools.end({
      ...call(request),
      toTag: request.toTag ?? '',
      cost: cost.total.amount,
      now,
    });
    if (result.status === 'settled' || result.status === 'already-settled')
      await this.handOver(stored, request, result, durationSeconds);
    switch (result.status) {
      case 'settled':
        return this.ended(result, {
          durationSeconds,
          billedSeconds: cost.billedSeconds,
          cost: result.charged.toFixed(),
          currency: cost.currency,
        });
      case 'already-settled':
        // The first end's figures; this one's duration is ignored.
        return this.ended(result, {
          durationSeconds: null,
          billedSeconds: null,
          cost: result.charged.toFixed(),
          currency: cost.currency,
        });
      default:
        return this.ended(result);
    }
  }

  async release(request: ReleaseCallDto, now = new Date()): Promise<{ status: string }> {
    const result = await this.pools.release({ ...call(request), now });
    this.metrics.events.inc({ event: 'release', status: result.status });
    return { status: result.status };
  }

  private async handOver(
    stored: CallSnapshot,
    request: EndCallDto,
    settlement: Settlement,
    durationSeconds: number,
  ): Promise<void> {
    await this.cdrs.enqueue(
      cdrJobOfSettledCall(stored, {
        source: 'rating-api',
        endedAt: settlement.endedAt,
        durationSeconds,
        charged: settlement.charged.toFixed(),
        sipCode: request.sipCode,
        endCause: request.cause,
        vendorTrunkId: request.carrierTrunkId,
      }),
    );
  }

  private ended(result: { status: string }, figures?: Omit<EndOutcome, 'status'>): EndOutcome {
    this.metrics.events.inc({ event: 'end', status: result.status });
    return {
      status: result.status,
      durationSeconds: figures?.durationSeconds ?? null,
      billedSeconds: figures?.billedSeconds ?? null,
      cost: figures?.cost ?? null,
      currency: figures?.currency ?? null,
    };
  }
}

function call(request: { accountId: string; callId: string; fromTag: string }) {
  return { accountId: request.accountId, callId: request.callId, fromTag: request.fromTag };
}

/** Whole seconds from the answer, a started second counted (as the credit pool commits them). */
function elapsedSeconds(stored: CallSnapshot, now: Date): number {
  if (stored.answeredAt === null) return 0;
  return Math.max(0, Math.ceil((now.getTime() - stored.answeredAt.getTime()) / 1000));
}
