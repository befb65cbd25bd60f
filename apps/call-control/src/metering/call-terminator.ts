import { callControlStatsKey, type CallShutdownReason, type CreditPools } from '@tollgate/credit-pools';
import type { EndDialogOutcome, HangupReason, KamailioRpcClient } from '@tollgate/kamailio';
import type { Logger } from '@tollgate/observability';
import type Redis from 'ioredis';
import type { CallControlMetrics } from '../call-control-metrics';
import type { CallShutdownSink } from '../events/call-shutdown-queue';

export type EndReason = CallShutdownReason;

/** The Reason header Kamailio puts on its BYEs, so both ends (and their CDRs) know why. */
const HANGUP_REASONS: Record<EndReason, HangupReason> = {
  'credit-exhausted': { cause: 16, text: 'credit exhausted' },
  'max-time': { cause: 16, text: 'maximum call time reached' },
  'operator-kill': { cause: 16, text: 'ended by the operator' },
  'operator-terminate-all': { cause: 16, text: 'ended by the operator' },
};

/** A request to end a call is not repeated before this: Kamailio's BYEs and its `end` post need time. */
const RETRY_AFTER_MS = 5_000;

/**
 * Requests to Kamailio at once. Hundreds of calls can run out in the same second; one connection each
 * would have them time out together (Kamailio's RPC is served by a few processes), so they queue here.
 */
const MAX_CONCURRENT_REQUESTS = 64;

/**
 * Ends calls through Kamailio's JSON-RPC: `dlg.end_dlg` with the dialog ids `begin` carried (BYE to both
 * legs with a Reason header), else `dlg.terminate_dlg` by Call-ID and tags. Kamailio then posts `end`
 * to the rating API, which settles the call. Until that `end` arrives the call stays open in its pool,
 * so later metering passes name it again: a request is repeated only after RETRY_AFTER_MS.
 *
 * Give it a CreditPools on a connection of its own: on the metering connection its read of the call
 * would wait behind every script of the pass still pending.
 */
export class CallTerminator {
  private readonly requested = new Map<string, number>();
  private readonly queue: Array<() => void> = [];
  private inFlight = 0;

  private readonly statsKey: string;

  constructor(
    private readonly pools: CreditPools,
    /** Where the running totals the API shows are kept. */
    private readonly stats: Redis,
    private readonly kamailio: KamailioRpcClient,
    private readonly metrics: CallControlMetrics,
    private readonly logger: Logger,
    /** Told of every call Kamailio ended at our request (the `call-shutdown` event). */
    private readonly shutdowns: CallShutdownSink,
  ) {
    this.statsKey = callControlStatsKey(pools.keyPrefix);
  }

  async end(
    accountId: string,
    callIds: readonly string[],
    reason: EndReason,
    now = Date.now(),
  ): Promise<void> {
    this.forgetOld(now);
    await Promise.all(
      callIds
        .filter((callId) => !this.requested.has(`${accountId}/${callId}`))
        .map((callId) => this.endOne(accountId, callId, reason, now)),
    );
  }

  private async endOne(accountId: string, callId: string, reason: EndReason, now: number): Promise<void> {
    this.requested.set(`${accountId}/${callId}`, now);
    const call = await this.pools.call(accountId, callId);
    if (call === null || call.state !== 'active') return;
    let outcome: EndDialogOutcome;
    await this.turn();
    try {
      outcome = call.dialog
        ? await this.kamailio.endDialog(
            { hEntry: call.dialog.entry, hId: call.dialog.id },
            { reason: HANGUP_REASONS[reason] },
          )
        : await this.kamailio.terminateDialog({ callId, fromTag: call.fromTag, toTag: call.toTag });
    } catch (error) {
      this.metrics.callsEnded.inc({ reason, outcome: 'rpc-failed' });
      this.metrics.kamailioFailures.inc();
      // Tried again on a later pass once RETRY_AFTER_MS has passed.
      this.logger.error(
        { accountId, callId, reason, err: error },
        'Kamailio did not take the request to end a call',
      );
      return;
    } finally {
      this.release();
    }
    this.metrics.callsEnded.inc({ reason, outcome });
    const log = outcome === 'ended' ? this.logger.info : this.logger.warn;
    log.call(this.logger, { accountId, callId, reason, outcome }, 'ending call');
    if (outcome === 'ended') await this.announce(accountId, callId, reason, now);
  }

  private async announce(accountId: string, callId: string, reason: EndReason, now: number): Promise<void> {
    await this.stats.hincrby(this.statsKey, `ended:${reason}`, 1);
    try {
      await this.shutdowns.publish({ reason, accountId, callId, requestedAt: new Date(now).toISOString() });
    } catch (error) {
      // The call is ended all the same; only the event is lost, and said so.
      this.metrics.shutdownEventFailures.inc();
      this.logger.error({ accountId, callId, reason, err: error }, 'could not queue the call-shutdown event');
    }
  }

  /** Waits for one of the MAX_CONCURRENT_REQUESTS slots; the caller holds it until release(). */
  private async turn(): Promise<void> {
    if (this.inFlight < MAX_CONCURRENT_REQUESTS) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  /** Hands the slot to the next waiting request, if any. */
  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.inFlight--;
  }

  private forgetOld(now: number): void {
    for (const [key, at] of this.requested) if (now - at >= RETRY_AFTER_MS) this.requested.delete(key);
  }
}
