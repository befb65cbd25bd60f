import { BillingType } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { currencyCode, decimalCodec, hexColour, money, timeZone, timestamp } from '../../http/field-schemas';

/** What a tenant decides for itself: defaults for new accounts and the brand of its portal. */
export const ownSettingsFields = {
  defaultCurrency: currencyCode,
  defaultTimezone: timeZone,
  brandName: z.string().min(1).max(200).nullable(),
  logoUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable(),
  primaryColor: hexColour.nullable(),
  accentColor: hexColour.nullable(),
  supportEmail: z.email().max(254).nullable(),
  taxRate: decimalCodec(
    z.string().regex(/^(100(\.0{1,4})?|\d{1,2}(\.\d{1,4})?)$/, {
      error: 'must be a percentage from 0 to 100 with at most 4 decimals, e.g. "19" or "7.5"',
    }),
    '19',
  ).meta({ description: 'percent of tax added to the invoices the tenant issues; "0" for none' }),
};

/** What a reseller's parent decides for it: the price it buys at and how its balance works. */
export const parentSettingsFields = {
  buyRateCardId: z.uuid().nullable(),
  billingType: z.enum(BillingType),
  creditLimit: money,
};

export class UpdateOwnSettingsDto extends createZodDto(z.strictObject(ownSettingsFields).partial(), {
  codec: true,
}) {}

export class TenantSettingsDto extends createZodDto(
  z.object({
    tenantId: z.uuid(),
    tenantName: z.string(),
    ...ownSettingsFields,
    ...parentSettingsFields,
    updatedAt: timestamp,
  }),
  { codec: true },
) {}
