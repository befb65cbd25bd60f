import type { Invoice, InvoiceLine, InvoiceLineKind } from '@tollgate/db';
import Decimal from 'decimal.js';

export interface InvoiceLineView {
  position: number;
  kind: InvoiceLineKind;
  description: string;
  calls: number | null;
  billedSeconds: number | null;
  /** Billed minutes, to two decimals (for reading; the amount is priced per pulse by the rate card). */
  billedMinutes: Decimal | null;
  amount: Decimal;
}

export interface InvoiceView {
  id: string;
  tenantId: string;
  accountId: string;
  number: string;
  sequence: number;
  month: string;
  periodStart: Date;
  periodEnd: Date;
  timezone: string;
  currency: string;
  status: 'issued';
  accountCode: string;
  accountName: string;
  issuerName: string;
  issuerEmail: string | null;
  openingBalance: Decimal;
  closingBalance: Decimal;
  subtotal: Decimal;
  taxRate: Decimal;
  tax: Decimal;
  total: Decimal;
  payments: Decimal;
  issuedAt: Date;
}

/** One invoice as read alone: with its lines, in order. */
export interface InvoiceWithLinesView extends InvoiceView {
  lines: InvoiceLineView[];
}

export function toInvoiceView(invoice: Invoice): InvoiceView {
  const { tenant: _tenant, account: _account, lines: _lines, createdAt, ...fields } = invoice;
  return { ...fields, status: 'issued', issuedAt: createdAt };
}

/** The invoice with its lines, which must have been loaded with it. */
export function toInvoiceWithLinesView(invoice: Invoice): InvoiceWithLinesView {
  return {
    ...toInvoiceView(invoice),
    lines: [...invoice.lines].sort((a, b) => a.position - b.position).map(toLineView),
  };
}

function toLineView(line: InvoiceLine): InvoiceLineView {
  const seconds = line.billedSeconds === null ? null : Number(line.billedSeconds);
  return {
    position: line.position,
    kind: line.kind,
    description: line.description,
    calls: line.calls,
    billedSeconds: seconds,
    billedMinutes:
      seconds === null ? null : new Decimal(seconds).dividedBy(60).toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
    amount: line.amount,
  };
}
