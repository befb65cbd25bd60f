import { AccountStatus, BillingType } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { currencyCode, money, nullableText, timestamp, timeZone } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

const accountCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    error: 'must be letters, digits, ".", "_" or "-", starting with a letter or digit',
  });

const creditLimit = money
  .refine((amount) => !amount.isNegative(), { error: 'must not be negative' })
  .meta({ description: 'postpaid only: how far below zero the balance may go', example: '500' });

const channelLimit = z
  .int()
  .min(1)
  .max(1_000_000)
  .nullable()
  .meta({ description: 'concurrent calls; null = unlimited' });

const editableFields = {
  code: accountCode,
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254).nullable(),
  billingType: z.enum(BillingType),
  creditLimit,
  timezone: timeZone,
  status: z.enum(AccountStatus),
  maxChannels: channelLimit,
  maxInboundChannels: channelLimit,
  maxOutboundChannels: channelLimit,
  servicePlanId: z.uuid().nullable(),
};

export class CreateAccountDto extends createZodDto(
  z.strictObject({
    ...editableFields,
    email: editableFields.email.optional(),
    billingType: editableFields.billingType.default(BillingType.Prepaid),
    creditLimit: creditLimit.optional(),
    currency: currencyCode
      .optional()
      .meta({ description: "the balance's currency; the owning tenant's default currency when omitted" }),
    timezone: timeZone
      .optional()
      .meta({ description: "IANA zone; the owning tenant's default time zone when omitted" }),
    status: editableFields.status.default(AccountStatus.Active),
    maxChannels: channelLimit.optional(),
    maxInboundChannels: channelLimit.optional(),
    maxOutboundChannels: channelLimit.optional(),
    servicePlanId: editableFields.servicePlanId.optional(),
    tenantId: z.uuid().optional().meta({
      description: "owning tenant (the caller's or a reseller below it); the caller's when omitted",
    }),
  }),
  { codec: true },
) {}

export class UpdateAccountDto extends createZodDto(
  z
    .strictObject({
      ...editableFields,
      currency: currencyCode.meta({
        description: 'accepted only unchanged: the balance and the ledger are kept in this currency',
      }),
    })
    .partial(),
  { codec: true },
) {}

export const accountSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  code: z.string(),
  name: z.string(),
  email: nullableText(),
  billingType: z.enum(BillingType),
  creditLimit: money,
  currency: z.string(),
  timezone: z.string(),
  status: z.enum(AccountStatus),
  maxChannels: z.int().nullable(),
  maxInboundChannels: z.int().nullable(),
  maxOutboundChannels: z.int().nullable(),
  servicePlanId: z.uuid().nullable(),
  balance: money.meta({
    description: 'current balance (read only: it moves with ledger postings); negative = owed',
  }),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class AccountDto extends createZodDto(accountSchema, { codec: true }) {}

export class AccountPageDto extends pageDto(accountSchema) {}

export class ListAccountsQueryDto extends createZodDto(
  pageQuerySchema(['code', 'name', 'createdAt'] as const, 'code').extend({
    search: z.string().max(200).optional().meta({ description: 'part of the code or name, any case' }),
    status: z.enum(AccountStatus).optional(),
    billingType: z.enum(BillingType).optional(),
    tenantId: z.uuid().optional(),
    servicePlanId: z.uuid().optional(),
    ids: z
      .string()
      .max(200 * 37)
      .optional()
      .transform((value) => value?.split(',').filter(Boolean))
      .pipe(z.array(z.uuid()).max(200).optional())
      .meta({
        description: 'only these accounts (a page naming its rows): ids separated by commas, at most 200',
      }),
  }),
) {}
