import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LedgerEntryKind } from '@tollgate/db';
import { type RecurrenceKind, type RecurringFeeDue, recurringFeesDue } from '@tollgate/rating';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { PeriodicJob } from '../scheduling/periodic-job';
import { scheduleActor } from '../audit/schedule-actor';
import { storedIdempotencyKey } from '../ledger/ledger-entry-view';
import { PostLedgerEntryService } from '../ledger/post-ledger-entry.service';

/** How often the API posts the plan fees that are due: hourly, so a period is charged within its first hour. */
export const RECURRING_FEES_INTERVAL_MS = 3_600_000;

/** Every account that may owe a plan fee: on a plan with a fee, neither closed nor deleted. */
const SUBSCRIBERS_SQL = `
  SELECT account.id AS "accountId", account.created_at AS "since", account.timezone AS "timeZone",
         plan.id AS "planId", plan.name AS "planName", plan.recurring_fee::text AS "fee",
         plan.recurring_period AS "kind", plan.currency, tenant.id AS "tenantId", tenant.path AS "tenantPath"
    FROM accounts account
    JOIN service_plans plan ON plan.id = account.service_plan_id
    JOIN tenants tenant ON tenant.id = account.tenant_id
   WHERE account.deleted_at IS NULL AND account.status <> 'closed' AND plan.recurring_fee > 0
     AND account.created_at <= $1
   ORDER BY account.created_at, account.id`;

interface SubscriberRow {
  accountId: string;
  since: Date;
  timeZone: string;
  planId: string;
  planName: string;
  fee: string;
  kind: RecurrenceKind;
  currency: string;
  tenantId: string;
  tenantPath: string;
}

export interface PostedRecurringFees {
  posted: number;
  failed: number;
}

/** The ledger key of one period's fee of one account on one plan: replays and concurrent runs post it once. */
export function recurringFeeKey(
  row: Pick<SubscriberRow, 'accountId' | 'planId'>,
  fee: Pick<RecurringFeeDue, 'period'>,
): string {
  return `recurring-fee:${row.accountId}:${row.planId}:${periodKey(fee)}`;
}

function periodKey({ period }: Pick<RecurringFeeDue, 'period'>): string {
  return `${period.kind}:${period.name}`;
}

/**
 * Posts the service-plan fees that are due (`recurringFeesDue`: in advance, per period of the account's
 * time zone, the first period prorated by day like the DID monthly fees) to the accounts' ledgers (kind
 * recurring_fee), hourly in each API process, so a period is charged within its first hour and a missed
 * run is caught up. A fee already posted is skipped; two runs at once race only to the ledger's lock,
 * where the second finds the key posted and changes nothing.
 *
 * An account pays one plan per period: when it moved to another plan during a period, the period already
 * charged is not charged again (the new plan's fee starts with the next period).
 */
@Injectable()
export class PostRecurringFeesJob extends PeriodicJob<PostedRecurringFees> {
  protected readonly failureMessage = 'service-plan fees not posted';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: PostLedgerEntryService,
  ) {
    super();
  }

  protected get intervalMs(): number {
    return RECURRING_FEES_INTERVAL_MS;
  }

  /** One run as of `now`: every fee due by then and not yet posted. */
  async run(now: Date = new Date()): Promise<PostedRecurringFees> {
    const rows = (await this.dataSource.query(SUBSCRIBERS_SQL, [now])) as SubscriberRow[];
    const charges = rows.flatMap((row) =>
      recurringFeesDue(
        { fee: new Decimal(row.fee), kind: row.kind, since: row.since, timeZone: row.timeZone },
        now,
      ).map((fee) => ({ row, fee })),
    );
    const charged = await this.chargedPeriods(charges.map(({ row }) => row.accountId));
    const result: PostedRecurringFees = { posted: 0, failed: 0 };
    for (const { row, fee } of charges) {
      if (charged.has(`${row.accountId}:${periodKey(fee)}`)) continue;
      try {
        const { replayed } = await this.post(row, fee);
        if (!replayed) result.posted++;
      } catch (error) {
        result.failed++;
        this.logger.error(
          `plan fee ${fee.period.name} of account ${row.accountId} (plan ${row.planId}) not posted: ${(error as Error).message}`,
        );
      }
    }
    return result;
  }

  protected summaryOf(outcome: PostedRecurringFees): string | undefined {
    return outcome.posted + outcome.failed > 0
      ? `${outcome.posted} service-plan fees posted, ${outcome.failed} failed`
      : undefined;
  }

  /** `<account>:<kind>:<period>` of every plan fee these accounts were charged, whatever the plan. */
  private async chargedPeriods(accountIds: readonly string[]): Promise<Set<string>> {
    if (accountIds.length === 0) return new Set();
    const rows = (await this.dataSource.query(
      `SELECT account_id AS "accountId", idempotency_key AS key FROM ledger_entries
        WHERE account_id = ANY($1::uuid[]) AND kind = 'recurring_fee'`,
      [[...new Set(accountIds)]],
    )) as Array<{ accountId: string; key: string }>;
    const charged = new Set<string>();
    for (const { accountId, key } of rows) {
      const match = new RegExp(
        `^${escape(storedIdempotencyKey({ kind: 'account', id: accountId }, `recurring-fee:${accountId}:`))}[^:]+:(.+)$`,
      ).exec(key);
      if (match) charged.add(`${accountId}:${match[1]}`);
    }
    return charged;
  }

  private post(row: SubscriberRow, fee: RecurringFeeDue) {
    const whole = fee.days === fee.period.days;
    return this.ledger.post(
      scheduleActor('recurring-fees', { id: row.tenantId, path: row.tenantPath }),
      { kind: 'account', id: row.accountId },
      {
        kind: LedgerEntryKind.RecurringFee,
        amount: fee.amount.negated(),
        idempotencyKey: recurringFeeKey(row, fee),
        currency: row.currency,
        description: whole
          ? `${PERIOD_WORD[fee.period.kind]} fee of plan ${row.planName}, ${fee.period.name}`
          : `${PERIOD_WORD[fee.period.kind]} fee of plan ${row.planName}, ${fee.period.name}, ${fee.days} of ${fee.period.days} days`,
        reference: `service-plan:${row.planId}`,
      },
    );
  }
}

const PERIOD_WORD: Record<RecurrenceKind, string> = { monthly: 'Monthly', weekly: 'Weekly', daily: 'Daily' };

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
