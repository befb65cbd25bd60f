import { DidRouteKind, DidStatus } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { currencyCode, money, nullableText, ratePrice, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

/** E.164 digits as the inventory keeps them: a leading "+" is accepted and dropped. */
export const didNumber = z
  .string()
  .trim()
  .regex(/^\+?[1-9][0-9]{5,14}$/, {
    error: 'must be an E.164 number: 6 to 15 digits not starting with 0, optionally after "+"',
  })
  .transform((text) => text.replace(/^\+/, ''))
  .meta({ description: 'E.164 digits; a leading "+" is dropped', example: '493023125020' });

// Region codes Intl names that are not countries a number belongs to.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'UK']);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, {
    error: 'must be an ISO 3166-1 alpha-2 country code in capitals, e.g. "DE"',
    abort: true,
  })
  .refine((code) => isCountry(code), { error: 'is not an ISO 3166-1 country code' })
  .meta({ example: 'DE' });

/** A one-off or monthly fee: non-negative, at most 6 decimals. */
const fee = money.refine((amount) => !amount.isNegative(), { error: 'must not be negative' });

const priceFields = {
  buySetupFee: fee.meta({ description: 'what the vendor charges once for the number', example: '1.00' }),
  buyMonthlyFee: fee.meta({ description: 'what the vendor charges every month', example: '0.50' }),
  buyPerMinute: ratePrice.meta({ description: 'what the vendor charges per inbound minute' }),
  sellSetupFee: fee.meta({
    description: "charged once to the account's ledger when the number is assigned to it",
    example: '5.00',
  }),
  sellMonthlyFee: fee.meta({ description: 'charged to the account every month by billing', example: '2.00' }),
  sellPerMinute: ratePrice.meta({ description: 'charged to the account per inbound minute, per second' }),
};

/** Everything a new number needs besides its digits; fees default to 0. */
export const didInventoryFields = {
  country: countryCode,
  currency: currencyCode.meta({ description: 'of every price; the account it is assigned to must use it' }),
  vendorId: z
    .uuid()
    .nullable()
    .optional()
    .meta({ description: "the carrier it is bought from: a vendor of the DID's tenant, in its currency" }),
  buySetupFee: priceFields.buySetupFee.optional(),
  buyMonthlyFee: priceFields.buyMonthlyFee.optional(),
  buyPerMinute: priceFields.buyPerMinute.optional(),
  sellSetupFee: priceFields.sellSetupFee.optional(),
  sellMonthlyFee: priceFields.sellMonthlyFee.optional(),
  sellPerMinute: priceFields.sellPerMinute.optional(),
};

export const ownerTenantField = z.uuid().optional().meta({
  description: "owning tenant (the caller's or a reseller below it); the caller's when omitted",
});

export class CreateDidDto extends createZodDto(
  z.strictObject({ number: didNumber, ...didInventoryFields, tenantId: ownerTenantField }),
  { codec: true },
) {}

export class UpdateDidDto extends createZodDto(
  z
    .strictObject({
      country: countryCode,
      currency: currencyCode.meta({
        description: 'changeable only while no account holds the number (available or quarantined)',
      }),
      vendorId: z.uuid().nullable(),
      ...priceFields,
    })
    .partial(),
  { codec: true },
) {}

export const didSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  number: z.string().meta({ description: 'E.164 digits without "+"', example: '493023125020' }),
  country: z.string(),
  currency: z.string(),
  vendorId: z.uuid().nullable().meta({ description: 'null without a vendor, and always for end users' }),
  buySetupFee: money.nullable().meta({ description: 'null for end users' }),
  buyMonthlyFee: money.nullable().meta({ description: 'null for end users' }),
  buyPerMinute: ratePrice.nullable().meta({ description: 'null for end users' }),
  sellSetupFee: money,
  sellMonthlyFee: money,
  sellPerMinute: ratePrice,
  status: z.enum(DidStatus),
  accountId: z.uuid().nullable().meta({ description: 'the account it is reserved for or assigned to' }),
  reservedUntil: timestamp
    .nullable()
    .meta({ description: 'reserved: when the job makes it available again' }),
  quarantinedUntil: timestamp
    .nullable()
    .meta({ description: 'quarantined: from when it may be made available again' }),
  routeKind: z.enum(DidRouteKind).nullable().meta({ description: 'assigned: where inbound calls go' }),
  routeLineId: z.uuid().nullable(),
  routeServiceId: z.uuid().nullable(),
  routeUri: nullableText(500),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class DidDto extends createZodDto(didSchema, { codec: true }) {}

export class DidPageDto extends pageDto(didSchema) {}

export class ListDidsQueryDto extends createZodDto(
  pageQuerySchema(['number', 'createdAt'] as const, 'number').extend({
    country: countryCode.optional(),
    numberPrefix: z
      .string()
      .regex(/^\+?[0-9]{1,15}$/, { error: 'must be 1 to 15 digits, optionally after "+"' })
      .transform((text) => text.replace(/^\+/, ''))
      .optional()
      .meta({ description: 'numbers starting with these digits, e.g. 4930' }),
    status: z.enum(DidStatus).optional(),
    accountId: z.uuid().optional(),
    vendorId: z.uuid().optional(),
    tenantId: z.uuid().optional(),
  }),
  { codec: true },
) {}

// Intl throws on anything but a region code: the pattern is checked again.
function isCountry(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  const name = regionNames.of(code);
  return name !== undefined && name !== code && name !== 'Unknown Region';
}
