import { InvoiceLineKind } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { decimalCodec, nullableText, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month as YYYY-MM, e.g. "2026-11"' })
  .meta({ example: '2026-11' });

const amount = decimalCodec(z.string(), '12.50');

export const invoiceLineSchema = z.object({
  position: z.int(),
  kind: z.enum(InvoiceLineKind),
  description: z.string(),
  calls: z.int().nullable(),
  billedSeconds: z.int().nullable(),
  billedMinutes: decimalCodec(z.string(), '12.5').nullable(),
  amount: amount.meta({
    description:
      'rounded to the currency: charges positive (a credit negative); payments received positive, refunds paid back negative',
  }),
});

export const invoiceSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid().meta({ description: "the issuing tenant: the account's" }),
  accountId: z.uuid(),
  number: z.string().meta({ example: 'INV-000042' }),
  sequence: z.int().meta({ description: '1, 2, 3… per issuing tenant, without gaps' }),
  month,
  periodStart: timestamp,
  periodEnd: timestamp.meta({ description: 'the first instant after the period' }),
  timezone: z.string(),
  currency: z.string(),
  status: z.enum(['issued']).meta({ description: 'an issued invoice never changes' }),
  accountCode: z.string(),
  accountName: z.string(),
  issuerName: z.string(),
  issuerEmail: nullableText(254),
  openingBalance: amount.meta({ description: 'the ledger balance at the start of the period, exact' }),
  closingBalance: amount.meta({ description: 'the ledger balance at its end (carried), exact' }),
  subtotal: amount.meta({ description: 'the sum of the charge lines' }),
  taxRate: decimalCodec(z.string(), '19').meta({ description: 'percent, from the issuer settings at issue' }),
  tax: amount.meta({ description: 'subtotal × taxRate / 100, rounded half up to the currency' }),
  total: amount.meta({ description: 'subtotal + tax' }),
  payments: amount.meta({ description: 'top-ups and payments received in the period, less refunds' }),
  issuedAt: timestamp,
});

export class InvoiceDto extends createZodDto(invoiceSchema, { codec: true }) {}

export class InvoiceWithLinesDto extends createZodDto(
  invoiceSchema.extend({ lines: z.array(invoiceLineSchema) }),
  { codec: true },
) {}

export class InvoicePageDto extends pageDto(invoiceSchema) {}

export class ListInvoicesQueryDto extends createZodDto(
  pageQuerySchema(['issuedAt', 'month'] as const, 'issuedAt').extend({
    order: z.enum(['asc', 'desc']).default('desc'),
    accountId: z.uuid().optional().meta({ description: 'invoices of this account' }),
    month: month.optional(),
  }),
  { codec: true },
) {}

export class IssueInvoiceDto extends createZodDto(
  z.strictObject({
    accountId: z.uuid(),
    month: month.meta({ description: "a calendar month of the account's time zone that has ended" }),
  }),
  { codec: true },
) {}
