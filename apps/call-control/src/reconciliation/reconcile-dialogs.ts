import { cdrJobOfSettledCall, type CdrJobInput } from '@tollgate/cdr';
import { type CreditPools, rateOfSnapshot } from '@tollgate/credit-pools';
import { DialogState, type Dialog, type KamailioRpcClient } from '@tollgate/kamailio';
import type { Logger } from '@tollgate/observability';
import { callCost } from '@tollgate/rating';
import type { CallControlMetrics } from '../call-control-metrics';
import type { CallControlMembers } from '../metering/call-control-members';
import type { LivePools } from '../metering/live-pools';

export interface ReconciliationOutcome {
  /** Calls open in Redis whose dialog Kamailio no longer has, settled here. */
  readonly closed: number;
  /** Calls missing from Kamailio for the first time: settled at the next pass unless `end` arrives. */
  readonly missing: number;
  /** Confirmed dialogs billing does not know. */
  readonly unknown: number;
  /** Of those, the ones ended (their account is prepaid). */
  readonly ended: number;
}

/**
 * Compares Kamailio's dialogs (dlg.list) with the answered calls of the pools this instance owns.
 *
 * - A call answered in Redis that Kamailio no longer has lost its `end` (Kamailio could not post it):
 *   seen missing at two passes in a row, it is settled here at the time it was first seen missing, for
 *   its whole seconds from the answer, with the rate it was authorized at. A late `end` then changes
 *   nothing (already settled).
 * - A confirmed dialog billing does not know (no answered call with its Call-ID in the account named by
 *   its `account` dialog profile) is reported, and ended when that account's pool is prepaid: nobody
 *   pays for it. Dialogs without an account (a postpaid call let through while the rating API was
 *   down) are reported only.
 */
export class DialogReconciliation {
  /** Call key → when it was first seen missing from Kamailio. */
  private readonly missingSince = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private failures = 0;
  /** Whether Kamailio's JSON-RPC answered the last pass (undefined before the first). */
  kamailioAnswered: boolean | undefined;

  constructor(
    private readonly pools: CreditPools,
    private readonly live: LivePools,
    private readonly members: CallControlMembers,
    private readonly kamailio: KamailioRpcClient,
    private readonly metrics: CallControlMetrics,
    private readonly logger: Logger,
    /** Puts a settled call on the CDR queue (cdr-worker rates and stores it). */
    private readonly handOver?: (job: CdrJobInput) => Promise<void>,
  ) {}

  /** Reconciles now, then every `intervalMs`; after a failure, again after 1 s, 2 s, 4 s… up to it. */
  start(intervalMs: number): void {
    const run = (): void => {
      this.running = this.reconcile()
        .then(() => {
          this.failures = 0;
          this.kamailioAnswered = true;
          this.metrics.kamailioUp.set(1);
        })
        .catch((error: unknown) => {
          this.failures++;
          this.kamailioAnswered = false;
          this.metrics.kamailioUp.set(0);
          this.metrics.kamailioFailures.inc();
          this.logger.error(
            { err: error, failures: this.failures },
            "reconciliation with Kamailio's dialogs failed",
          );
        })
        .finally(() => {
          if (this.stopped) return;
          const backoff =
            this.failures === 0 ? intervalMs : Math.min(intervalMs, 1000 * 2 ** (this.failures - 1));
          this.timer = setTimeout(run, backoff);
        });
    };
    run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  async reconcile(now = Date.now()): Promise<ReconciliationOutcome> {
    const dialogs = await this.kamailio.listDialogs();
    const confirmed = dialogs.filter((dialog) => dialog.state === DialogState.Confirmed);
    const inKamailio = new Set(dialogs.map((dialog) => dialog.callId));
    const answered = await this.answeredCalls();
    const { closed, missing } = await this.closeLost(answered, inKamailio, now);
    const known = new Set(answered.map((call) => `${call.accountId}/${call.callId}`));
    const strangers = confirmed.filter((dialog) => {
      const accountId = accountOf(dialog);
      return accountId === undefined
        ? this.isOwnedUnassigned(dialog)
        : this.members.owns(accountId) && !known.has(`${accountId}/${dialog.callId}`);
    });
    let ended = 0;
    for (const dialog of strangers) if (await this.handleStranger(dialog)) ended++;
    this.metrics.reconciliations.inc();
    return { closed, missing, unknown: strangers.length, ended };
  }

  private async answeredCalls(): Promise<Array<{ accountId: string; callId: string; answeredAt: Date }>> {
    const calls = [];
    for (const accountId of this.live.list().filter((id) => this.members.owns(id)))
      for (const call of await this.pools.liveCalls(accountId))
        if (call.state === 'active' && call.answeredAt)
          calls.push({ accountId, callId: call.callId, answeredAt: call.answeredAt });
    return calls;
  }

  private async closeLost(
    answered: ReadonlyArray<{ accountId: string; callId: string; answeredAt: Date }>,
    inKamailio: ReadonlySet<string>,
    now: number,
  ): Promise<{ closed: number; missing: number }> {
    const stillMissing = new Map<string, number>();
    let closed = 0;
    for (const call of answered) {
      if (inKamailio.has(call.callId)) continue;
      const key = `${call.accountId}/${call.callId}`;
      const since = this.missingSince.get(key);
      if (since === undefined) {
        stillMissing.set(key, now);
        continue;
      }
      if (await this.settleLost(call.accountId, call.callId, call.answeredAt, since)) closed++;
    }
    this.missingSince.clear();
    for (const [key, since] of stillMissing) this.missingSince.set(key, since);
    return { closed, missing: stillMissing.size };
  }

  private async settleLost(
    accountId: string,
    callId: string,
    answeredAt: Date,
    endedAt: number,
  ): Promise<boolean> {
    const call = await this.pools.call(accountId, callId);
    if (call === null || call.state !== 'active') return false;
    const seconds = Math.max(0, Math.floor((endedAt - answeredAt.getTime()) / 1000));
    const cost = callCost(rateOfSnapshot(call.rate), seconds).total.amount;
    const result = await this.pools.end({ accountId, callId, cost, now: new Date(endedAt) });
    if (result.status !== 'settled') return false;
    await this.handOverCdr(call, result.endedAt, seconds, result.charged.toFixed());
    this.metrics.callsReconciled.inc({ outcome: 'closed' });
    this.logger.warn(
      { accountId, callId, seconds, cost: cost.toFixed() },
      'call gone from Kamailio without an end: settled',
    );
    return true;
  }

  /** The call is settled whatever happens here: a CDR that cannot be queued is logged with its figures. */
  private async handOverCdr(
    call: NonNullable<Awaited<ReturnType<CreditPools['call']>>>,
    endedAt: Date,
    seconds: number,
    charged: string,
  ): Promise<void> {
    if (!this.handOver) return;
    try {
      await this.handOver(
        cdrJobOfSettledCall(call, {
          source: 'call-control',
          endedAt,
          durationSeconds: seconds,
          charged,
          endCause: 'lost-end',
        }),
      );
    } catch (error) {
      this.logger.error(
        { err: error, accountId: call.accountId, callId: call.callId, seconds, charged },
        'lost call settled but its CDR could not be queued',
      );
    }
  }

  /** A dialog without an account is looked at by one instance only: the one owning its Call-ID. */
  private isOwnedUnassigned(dialog: Dialog): boolean {
    return this.members.owns(`dialog:${dialog.callId}`);
  }

  private async handleStranger(dialog: Dialog): Promise<boolean> {
    const accountId = accountOf(dialog);
    const pool = accountId === undefined ? null : await this.pools.pool(accountId);
    const prepaid = pool?.billingType === 'prepaid';
    this.metrics.callsReconciled.inc({ outcome: prepaid ? 'unknown-ended' : 'unknown-reported' });
    this.logger.warn(
      { callId: dialog.callId, accountId: accountId ?? null, billing: pool?.billingType ?? null },
      prepaid ? 'dialog unknown to billing on a prepaid account: ending it' : 'dialog unknown to billing',
    );
    if (!prepaid) return false;
    await this.kamailio.endDialog(
      { hEntry: dialog.hEntry, hId: dialog.hId },
      { reason: { cause: 21, text: 'unknown to billing' } },
    );
    return true;
  }
}

function accountOf(dialog: Dialog): string | undefined {
  const value = dialog.profiles.find((profile) => profile.name === 'account')?.value;
  return value === undefined || value === '' ? undefined : value;
}
