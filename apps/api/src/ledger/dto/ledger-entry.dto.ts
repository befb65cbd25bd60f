import { LedgerEntryKind } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { money, nullableText, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

export const ledgerEntrySchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid().meta({ description: "the account's tenant, or the reseller's parent" }),
  accountId: z.uuid().nullable(),
  resellerId: z.uuid().nullable(),
  kind: z.enum(LedgerEntryKind),
  amount: money.meta({ description: 'signed from the party side: credits positive, charges negative' }),
  currency: z.string(),
  idempotencyKey: z.string(),
  description: nullableText(),
  reference: nullableText(),
  createdByUserId: z.uuid().nullable(),
  createdByApiKeyId: z.uuid().nullable(),
  createdAt: timestamp,
});

export class LedgerEntryDto extends createZodDto(ledgerEntrySchema, { codec: true }) {}

export class LedgerEntryPageDto extends pageDto(ledgerEntrySchema) {}

export class ListLedgerQueryDto extends createZodDto(
  pageQuerySchema(['createdAt'] as const, 'createdAt')
    .extend({
      order: z.enum(['asc', 'desc']).default('desc'),
      kind: z.enum(LedgerEntryKind).optional(),
      from: timestamp.optional().meta({ description: 'entries created at or after this moment' }),
      to: timestamp.optional().meta({ description: 'entries created before this moment' }),
    })
    .refine((query) => !query.from || !query.to || query.from < query.to, {
      path: ['to'],
      error: 'must be after from',
    }),
  { codec: true },
) {}

export class SearchLedgerQueryDto extends createZodDto(
  pageQuerySchema(['createdAt'] as const, 'createdAt')
    .extend({
      order: z.enum(['asc', 'desc']).default('desc'),
      accountId: z.uuid().optional().meta({ description: 'entries of this account' }),
      resellerId: z
        .uuid()
        .optional()
        .meta({ description: "entries of this reseller's balance with its parent (a reseller below you)" }),
      kind: z.enum(LedgerEntryKind).optional(),
      from: timestamp.optional().meta({ description: 'entries created at or after this moment' }),
      to: timestamp.optional().meta({ description: 'entries created before this moment' }),
    })
    .refine((query) => !query.from || !query.to || query.from < query.to, {
      path: ['to'],
      error: 'must be after from',
    })
    .refine((query) => !query.accountId || !query.resellerId, {
      path: ['resellerId'],
      error: 'cannot be combined with accountId: an entry belongs to one party',
    }),
  { codec: true },
) {}

export class LedgerTotalsQueryDto extends createZodDto(
  z
    .object({
      from: timestamp.optional().meta({ description: 'entries created at or after this moment' }),
      to: timestamp.optional().meta({ description: 'entries created before this moment' }),
    })
    .refine((query) => !query.from || !query.to || query.from < query.to, {
      path: ['to'],
      error: 'must be after from',
    }),
  { codec: true },
) {}

export const ledgerTotalsSchema = z.object({
  accountId: z.uuid(),
  currency: z.string(),
  from: timestamp.nullable(),
  to: timestamp.nullable(),
  totals: z
    .array(
      z.object({
        kind: z.enum(LedgerEntryKind),
        amount: money.meta({
          description: 'the exact sum of the entries: credits positive, charges negative',
        }),
        entries: z.int(),
      }),
    )
    .meta({ description: 'one per kind that has entries in the period' }),
});

export class LedgerTotalsDto extends createZodDto(ledgerTotalsSchema, { codec: true }) {}
