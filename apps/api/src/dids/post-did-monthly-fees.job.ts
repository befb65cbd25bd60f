import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LedgerEntryKind } from '@tollgate/db';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { PeriodicJob } from '../scheduling/periodic-job';
import { scheduleActor } from '../audit/schedule-actor';
import { storedIdempotencyKey } from '../ledger/ledger-entry-view';
import { PostLedgerEntryService } from '../ledger/post-ledger-entry.service';
import { monthlyFeesDue, type MonthlyFeeDue } from './did-monthly-fees';
import { DID_SETTINGS, type DidSettings } from './did-settings';

/**
 * Every holding of a number that may owe a fee in the previous or the current month: from a step into
 * `assigned` (an assignment, a completed port-in) to the first later step out of it (a release, a
 * port-out), with the number's present monthly fee.
 */
const ASSIGNMENTS_SQL = `
  SELECT started.id AS "assignmentId", started.account_id AS "accountId", started.created_at AS "assignedAt",
         ended.created_at AS "endedAt", did.id AS "didId", did.number, did.currency,
         did.sell_monthly_fee::text AS "sellMonthlyFee", did.tenant_id AS "tenantId", tenant.path AS "tenantPath"
    FROM did_events started
    JOIN dids did ON did.id = started.did_id
    JOIN tenants tenant ON tenant.id = did.tenant_id
    LEFT JOIN LATERAL (
      SELECT later.created_at FROM did_events later
       WHERE later.did_id = started.did_id AND later.created_at > started.created_at
         AND later.from_status = 'assigned' AND later.to_status <> 'assigned'
       ORDER BY later.created_at LIMIT 1
    ) ended ON true
   WHERE started.to_status = 'assigned' AND started.from_status IS DISTINCT FROM 'assigned'
     AND started.account_id IS NOT NULL AND did.sell_monthly_fee > 0
     AND started.created_at <= $2 AND (ended.created_at IS NULL OR ended.created_at > $1)
   ORDER BY started.created_at`;

interface AssignmentRow {
  assignmentId: string;
  accountId: string;
  assignedAt: Date;
  endedAt: Date | null;
  didId: string;
  number: string;
  currency: string;
  sellMonthlyFee: string;
  tenantId: string;
  tenantPath: string;
}

export interface PostedMonthlyFees {
  posted: number;
  failed: number;
}

/** The ledger key of one month's fee of one holding: replays and concurrent runs post it once. */
export function monthlyFeeKey(row: Pick<AssignmentRow, 'didId' | 'assignmentId'>, month: string): string {
  return `did-monthly-fee:${row.didId}:${row.assignmentId}:${month}`;
}

/**
 * Posts the DID monthly sell fees that are due (`monthlyFeesDue`) to the holder accounts' ledgers
 * (kind did_fee), hourly in each API process, so the 1st of a month is charged
 * within the hour and a missed run is caught up. A fee already posted is skipped; two runs at once
 * race only to the ledger's lock, where the second finds the key posted and changes nothing.
 */
@Injectable()
export class PostDidMonthlyFeesJob extends PeriodicJob<PostedMonthlyFees> {
  protected readonly failureMessage = 'DID monthly fees not posted';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: PostLedgerEntryService,
    @Inject(DID_SETTINGS) private readonly settings: DidSettings,
  ) {
    super();
  }

  protected get intervalMs(): number {
    return this.settings.monthlyFeesIntervalMs;
  }

  /** One run as of `now`: every fee due by then and not yet posted. */
  async run(now: Date = new Date()): Promise<PostedMonthlyFees> {
    const previousMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const rows = (await this.dataSource.query(ASSIGNMENTS_SQL, [previousMonth, now])) as AssignmentRow[];
    const charges = rows.flatMap((row) =>
      monthlyFeesDue(row, new Decimal(row.sellMonthlyFee), now).map((fee) => ({ row, fee })),
    );
    const posted = await this.postedKeys(charges.map(({ row, fee }) => storedKeyOf(row, fee)));
    const result: PostedMonthlyFees = { posted: 0, failed: 0 };
    for (const { row, fee } of charges) {
      if (posted.has(storedKeyOf(row, fee))) continue;
      try {
        const { replayed } = await this.post(row, fee);
        if (!replayed) result.posted++;
      } catch (error) {
        result.failed++;
        this.logger.error(
          `monthly fee ${fee.month} of DID ${row.didId} not posted to account ${row.accountId}: ${(error as Error).message}`,
        );
      }
    }
    return result;
  }

  protected summaryOf(outcome: PostedMonthlyFees): string | undefined {
    return outcome.posted + outcome.failed > 0
      ? `${outcome.posted} DID monthly fees posted, ${outcome.failed} failed`
      : undefined;
  }

  private async postedKeys(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = (await this.dataSource.query(
      `SELECT idempotency_key AS key FROM ledger_entries WHERE idempotency_key = ANY($1::text[])`,
      [keys],
    )) as Array<{ key: string }>;
    return new Set(rows.map((row) => row.key));
  }

  private post(row: AssignmentRow, fee: MonthlyFeeDue) {
    return this.ledger.post(
      scheduleActor('did-monthly-fees', { id: row.tenantId, path: row.tenantPath }),
      { kind: 'account', id: row.accountId },
      {
        kind: LedgerEntryKind.DidFee,
        amount: fee.amount.negated(),
        idempotencyKey: monthlyFeeKey(row, fee.month),
        currency: row.currency,
        description:
          fee.days === fee.daysInMonth
            ? `Monthly fee of DID +${row.number}, ${fee.month}`
            : `Monthly fee of DID +${row.number}, ${fee.month}, ${fee.days} of ${fee.daysInMonth} days`,
        reference: `did:${row.didId}`,
      },
    );
  }
}

function storedKeyOf(row: AssignmentRow, fee: MonthlyFeeDue): string {
  return storedIdempotencyKey({ kind: 'account', id: row.accountId }, monthlyFeeKey(row, fee.month));
}
