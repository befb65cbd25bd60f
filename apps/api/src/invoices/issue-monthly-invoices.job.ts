import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { calendarMonth, periodContaining } from '@tollgate/rating';
import { DataSource } from 'typeorm';
import { PeriodicJob } from '../scheduling/periodic-job';
import { scheduleActor } from '../audit/schedule-actor';
import { IssueInvoiceService } from './issue-invoice.service';

/** How often the API looks for last month's invoices not yet issued: hourly, so the 1st is done within the hour. */
export const MONTHLY_INVOICES_INTERVAL_MS = 3_600_000;

/** Accounts not deleted, created before `$1` (the month's last end, in UTC−12) and not yet invoiced for `$2`. */
const ACCOUNTS_SQL = `
  SELECT account.id, account.timezone AS "timeZone", account.created_at AS "createdAt",
         tenant.id AS "tenantId", tenant.path AS "tenantPath"
    FROM accounts account
    JOIN tenants tenant ON tenant.id = account.tenant_id
   WHERE account.deleted_at IS NULL AND account.created_at < $1
     AND NOT EXISTS (SELECT 1 FROM invoices invoice WHERE invoice.account_id = account.id AND invoice.month = $2)
   ORDER BY account.created_at, account.id`;

interface AccountRow {
  id: string;
  timeZone: string;
  createdAt: Date;
  tenantId: string;
  tenantPath: string;
}

export interface IssuedMonthlyInvoices {
  issued: number;
  failed: number;
}

/**
 * Issues every account's invoice for the previous calendar month of its time zone, hourly in each API
 * process: on the 1st within the hour of the account's midnight, and a missed run is caught up later
 * in the month. Issuing is idempotent (IssueInvoiceService), so concurrent runs issue each invoice once.
 */
@Injectable()
export class IssueMonthlyInvoicesJob extends PeriodicJob<IssuedMonthlyInvoices> {
  protected readonly failureMessage = 'monthly invoices not issued';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly issuer: IssueInvoiceService,
  ) {
    super();
  }

  protected get intervalMs(): number {
    return MONTHLY_INVOICES_INTERVAL_MS;
  }

  /** One run as of `now`: each account's previous month, when it has ended and is not yet invoiced. */
  async run(now: Date = new Date()): Promise<IssuedMonthlyInvoices> {
    const result: IssuedMonthlyInvoices = { issued: 0, failed: 0 };
    // Zones run from UTC−12 to UTC+14: every account's last month is one of these two UTC months.
    const months = new Set(
      [-12, 14].map((hours) => previousMonthName(new Date(now.getTime() + hours * 3_600_000))),
    );
    for (const month of months) {
      const latestEnd = calendarMonth(month, 'Etc/GMT+12').end;
      const rows = (await this.dataSource.query(ACCOUNTS_SQL, [latestEnd, month])) as AccountRow[];
      for (const row of rows) {
        if (previousMonthName(now, row.timeZone) !== month) continue;
        const period = calendarMonth(month, row.timeZone);
        if (period.end <= row.createdAt || period.end > now) continue;
        try {
          const { replayed } = await this.issuer.issue(
            scheduleActor('monthly-invoices', { id: row.tenantId, path: row.tenantPath }),
            row.id,
            month,
            now,
          );
          if (!replayed) result.issued++;
        } catch (error) {
          result.failed++;
          this.logger.error(`invoice ${month} of account ${row.id} not issued: ${(error as Error).message}`);
        }
      }
    }
    return result;
  }

  protected summaryOf(outcome: IssuedMonthlyInvoices): string | undefined {
    return outcome.issued + outcome.failed > 0
      ? `${outcome.issued} monthly invoices issued, ${outcome.failed} failed`
      : undefined;
  }
}

/** `YYYY-MM` of the month before the one `at` falls in, read in `timeZone`. */
function previousMonthName(at: Date, timeZone = 'UTC'): string {
  const current = periodContaining('monthly', at, timeZone);
  return periodContaining('monthly', new Date(current.start.getTime() - 1), timeZone).name;
}
