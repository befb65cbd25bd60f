import type { Readable } from 'node:stream';
import { InvoiceLineKind } from '@tollgate/db';
import type Decimal from 'decimal.js';
import PDFDocument from 'pdfkit';
import { currencyDecimals } from './compose-invoice';
import type { InvoiceWithLinesView } from './invoice-view';

const LEFT = 50;
const WIDTH = 495;
const COLUMNS = { description: 50, calls: 300, minutes: 360, amount: 440 };

/**
 * The invoice as an A4 PDF, streamed while it is drawn: the issuer's brand, the account, the period, the
 * lines (calls by destination, fees, adjustments), subtotal, tax and total, then payments and the balance
 * carried. The invoice number is also the document's title, its date the issue's. Figures are printed as stored (already
 * rounded); nothing is computed here. The standard Helvetica font covers Latin-1 text only.
 */
export function renderInvoicePdf(invoice: InvoiceWithLinesView): Readable {
  const doc = new PDFDocument({
    size: 'A4',
    margin: LEFT,
    info: {
      Title: `Invoice ${invoice.number}`,
      Author: invoice.issuerName,
      Subject: `${invoice.accountName} ${invoice.month}`,
      // The issue time, not the present: the same invoice is the same file, byte for byte.
      CreationDate: invoice.issuedAt,
    },
  });
  const decimals = currencyDecimals(invoice.currency);
  const money = (value: Decimal) => `${value.toFixed(decimals)} ${invoice.currency}`;

  doc.font('Helvetica-Bold').fontSize(18).text(invoice.issuerName, LEFT, 50);
  if (invoice.issuerEmail) doc.font('Helvetica').fontSize(9).text(invoice.issuerEmail);
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(`Invoice ${invoice.number}`, LEFT, 50, { width: WIDTH, align: 'right' });
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(`Issued ${invoice.issuedAt.toISOString().slice(0, 10)}`, { width: WIDTH, align: 'right' })
    .text(`Period ${invoice.month} (${invoice.timezone})`, { width: WIDTH, align: 'right' });

  doc.moveDown(2).font('Helvetica-Bold').text('Bill to', LEFT);
  doc.font('Helvetica').text(`${invoice.accountName} (account ${invoice.accountCode})`);

  const charges = invoice.lines.filter(
    (line) => line.kind !== InvoiceLineKind.Payment && line.kind !== InvoiceLineKind.Refund,
  );
  const payments = invoice.lines.filter(
    (line) => line.kind === InvoiceLineKind.Payment || line.kind === InvoiceLineKind.Refund,
  );

  doc.moveDown(1.5);
  row(doc, ['Description', 'Calls', 'Minutes', 'Amount'], true);
  rule(doc);
  if (charges.length === 0) row(doc, ['No charges in this period', '', '', money(invoice.subtotal)]);
  for (const line of charges)
    row(doc, [
      line.description,
      line.calls === null ? '' : String(line.calls),
      line.billedMinutes === null ? '' : line.billedMinutes.toFixed(2),
      money(line.amount),
    ]);
  rule(doc);
  row(doc, ['Subtotal', '', '', money(invoice.subtotal)]);
  row(doc, [`Tax ${invoice.taxRate.toFixed()} %`, '', '', money(invoice.tax)]);
  row(doc, ['Total', '', '', money(invoice.total)], true);

  doc.moveDown(1.5);
  row(doc, ['Payments received', '', '', ''], true);
  rule(doc);
  if (payments.length === 0) row(doc, ['None in this period', '', '', '']);
  for (const line of payments) row(doc, [line.description, '', '', money(line.amount)]);
  rule(doc);
  row(doc, ['Balance at the start of the period', '', '', money(invoice.openingBalance)]);
  row(doc, ['Balance carried (end of the period)', '', '', money(invoice.closingBalance)], true);

  doc.end();
  return doc;
}

function row(doc: PDFKit.PDFDocument, cells: [string, string, string, string], bold = false): void {
  if (doc.y > 760) doc.addPage();
  const y = doc.y;
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
  doc.text(cells[0], COLUMNS.description, y, { width: COLUMNS.calls - COLUMNS.description - 10 });
  const bottom = doc.y;
  doc.text(cells[1], COLUMNS.calls, y, { width: 50, align: 'right' });
  doc.text(cells[2], COLUMNS.minutes, y, { width: 70, align: 'right' });
  doc.text(cells[3], COLUMNS.amount, y, { width: LEFT + WIDTH - COLUMNS.amount, align: 'right' });
  doc.x = LEFT;
  doc.y = Math.max(bottom, doc.y) + 4;
}

function rule(doc: PDFKit.PDFDocument): void {
  doc
    .moveTo(LEFT, doc.y)
    .lineTo(LEFT + WIDTH, doc.y)
    .lineWidth(0.5)
    .stroke();
  doc.y += 4;
}
