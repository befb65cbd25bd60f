import { Injectable, Logger } from '@nestjs/common';
import { Account, Invoice, InvoiceLine, LedgerEntryKind, Tenant, TenantSettings } from '@tollgate/db';
import { calendarMonth } from '@tollgate/rating';
import Decimal from 'decimal.js';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { BadRequestError, ForbiddenError } from '../http/domain-errors';
import { TenantResources } from '../tenancy/tenant-resources';
import { type CallGroup, composeInvoice, type PeriodEntry } from './compose-invoice';
import { type InvoiceWithLinesView, toInvoiceWithLinesView } from './invoice-view';

export interface IssuedInvoice {
  invoice: InvoiceWithLinesView;
  /** True when the account's invoice for that month already existed: it is returned unchanged. */
  replayed: boolean;
}

/**
 * The calls of the period by the customer rate's destination name (else its prefix) and direction, with
 * a billed duration and a price: unanswered and unrated calls cost nothing and are left out.
 */
const CALL_GROUPS_SQL = `
  SELECT direction,
         COALESCE(levels -> 0 -> 'rate' ->> 'destination', levels -> 0 -> 'rate' ->> 'prefix', 'other') AS destination,
         count(*)::int AS calls, sum(billed_seconds)::bigint::text AS "billedSeconds", sum(price)::text AS amount
    FROM cdrs
   WHERE account_id = $1 AND started_at >= $2 AND started_at < $3
     AND price IS NOT NULL AND billed_seconds > 0
   GROUP BY 1, 2`;

/**
 * Issues the invoice of one account for one calendar month of its time zone, once: a second request
 * (or a concurrent one) for the same account and month returns the invoice already issued. The number
 * is the issuing tenant's next, taken in the same transaction, so numbers have no gaps.
 */
@Injectable()
export class IssueInvoiceService {
  private readonly logger = new Logger(IssueInvoiceService.name);
  private readonly accounts;

  constructor(
    private readonly resources: TenantResources,
    private readonly audit: AuditTrail,
  ) {
    this.accounts = resources.of(Account, {
      label: 'account',
      entityType: 'account',
      endUserColumn: 'id',
      deletion: 'soft',
    });
  }

  async issue(actor: Actor, accountId: string, month: string, now = new Date()): Promise<IssuedInvoice> {
    if (actor.scope.isEndUser) throw new ForbiddenError('end users cannot issue invoices');
    const account = await this.accounts.get(actor, accountId);
    const period = calendarMonth(month, account.timezone);
    if (period.end > now)
      throw new BadRequestError(`${month} has not ended yet in the account's time zone`, 'month');
    if (period.end <= account.createdAt)
      throw new BadRequestError(`the account did not exist yet in ${month}`, 'month');
    const issued = await this.resources.transaction(async (manager) => {
      // Issues of one account and month wait for one another; the second finds the first's invoice.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `invoice:${account.id}:${month}`,
      ]);
      const earlier = await manager
        .getRepository(Invoice)
        .findOne({ where: { accountId: account.id, month }, relations: { lines: true } });
      if (earlier) return { invoice: earlier, replayed: true };
      const invoice = await this.write(manager, account, month, period);
      await this.audit.record(manager, actor, {
        action: 'invoice.issue',
        entityType: 'invoice',
        entityId: invoice.id,
        tenantId: invoice.tenantId,
        after: { number: invoice.number, accountId: invoice.accountId, month, total: invoice.total },
      });
      return { invoice, replayed: false };
    });
    if (!issued.replayed)
      this.logger.log(
        `invoice ${issued.invoice.number} issued to account ${account.id} for ${month}: total ${issued.invoice.total.toFixed()} ${issued.invoice.currency}`,
      );
    return { invoice: toInvoiceWithLinesView(issued.invoice), replayed: issued.replayed };
  }

  private async write(
    manager: EntityManager,
    account: Account,
    month: string,
    period: { start: Date; end: Date },
  ): Promise<Invoice> {
    // One after the other: the transaction's one connection runs one query at a time anyway.
    const tenant = await manager.getRepository(Tenant).findOneByOrFail({ id: account.tenantId });
    const settings = await manager
      .getRepository(TenantSettings)
      .findOneByOrFail({ tenantId: account.tenantId });
    const balances = (await manager.query(
      `SELECT COALESCE(sum(amount) FILTER (WHERE created_at < $2), 0)::text AS opening,
              COALESCE(sum(amount) FILTER (WHERE created_at < $3), 0)::text AS closing
         FROM ledger_entries WHERE account_id = $1 AND created_at < $3`,
      [account.id, period.start, period.end],
    )) as Array<{ opening: string; closing: string }>;
    const entries = (
      (await manager.query(
        `SELECT kind, amount::text AS amount, description FROM ledger_entries
          WHERE account_id = $1 AND created_at >= $2 AND created_at < $3 AND kind <> 'call_charge'
          ORDER BY created_at, id`,
        [account.id, period.start, period.end],
      )) as Array<{ kind: LedgerEntryKind; amount: string; description: string | null }>
    ).map((row): PeriodEntry => ({ ...row, amount: new Decimal(row.amount) }));
    const callGroups = (
      (await manager.query(CALL_GROUPS_SQL, [account.id, period.start, period.end])) as Array<{
        direction: string;
        destination: string;
        calls: number;
        billedSeconds: string;
        amount: string;
      }>
    ).map((row): CallGroup => ({
      ...row,
      billedSeconds: Number(row.billedSeconds),
      amount: new Decimal(row.amount),
    }));
    const composed = composeInvoice({
      currency: account.currency,
      taxRate: settings.taxRate,
      callGroups,
      entries,
    });
    const [sequence] = (await manager.query(
      `INSERT INTO invoice_sequences (tenant_id, last_number) VALUES ($1, 1)
       ON CONFLICT (tenant_id) DO UPDATE SET last_number = invoice_sequences.last_number + 1
       RETURNING last_number AS "lastNumber"`,
      [account.tenantId],
    )) as Array<{ lastNumber: number }>;
    const invoices = manager.getRepository(Invoice);
    const invoice = await invoices.save(
      invoices.create({
        tenantId: account.tenantId,
        accountId: account.id,
        sequence: sequence!.lastNumber,
        number: invoiceNumber(sequence!.lastNumber),
        month,
        periodStart: period.start,
        periodEnd: period.end,
        timezone: account.timezone,
        currency: account.currency,
        accountCode: account.code,
        accountName: account.name,
        issuerName: settings.brandName ?? tenant.name,
        issuerEmail: settings.supportEmail,
        openingBalance: new Decimal(balances[0]!.opening),
        closingBalance: new Decimal(balances[0]!.closing),
        subtotal: composed.subtotal,
        taxRate: settings.taxRate,
        tax: composed.tax,
        total: composed.total,
        payments: composed.payments,
      }),
    );
    const lines = manager.getRepository(InvoiceLine);
    invoice.lines = await lines.save(
      composed.lines.map((line, index) =>
        lines.create({
          invoiceId: invoice.id,
          position: index + 1,
          kind: line.kind,
          description: line.description,
          calls: line.calls,
          billedSeconds: line.billedSeconds === null ? null : String(line.billedSeconds),
          amount: line.amount,
        }),
      ),
    );
    return invoice;
  }
}

/** `INV-000042`: six digits at least, more when a tenant passes a million invoices. */
export function invoiceNumber(sequence: number): string {
  return `INV-${String(sequence).padStart(6, '0')}`;
}
