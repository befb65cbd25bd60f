import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { currencyCode, decimalCodec, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

/** MCR tie-break, `numeric(5,2)`: a decimal string outside, a `Decimal` inside. */
export const qualityScore = decimalCodec(
  z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, { error: 'must be a decimal string 0 to 999.99, e.g. "87.5"' }),
  '87.5',
);

const vendorFields = {
  name: z.string().trim().min(1).max(200).meta({ description: 'unique among the tenant vendors' }),
  currency: currencyCode.meta({ description: 'currency the vendor bills in; its buy rate card must match' }),
  enabled: z.boolean().meta({ description: 'disabled vendors are skipped by routing' }),
  buyRateCardId: z.uuid().nullable().meta({
    description: "a buy rate card of the vendor's tenant, in the vendor's currency",
  }),
  priority: z.int().min(0).max(1_000_000).meta({ description: 'fixed-priority routing: lower first' }),
  weight: z.int().min(0).max(1_000_000).meta({ description: 'weighted routing: relative share of calls' }),
  qualityScore: qualityScore.nullable().meta({ description: 'MCR: higher first among equal costs' }),
  blockedPrefixes: z
    .array(z.string().regex(/^\d{1,15}$/, { error: 'must be 1 to 15 digits' }))
    .max(1000)
    .transform((prefixes) => [...new Set(prefixes)])
    .meta({ description: 'destinations this vendor must never carry' }),
  notes: z.string().max(2000).nullable(),
};

export class CreateVendorDto extends createZodDto(
  z.strictObject({
    ...vendorFields,
    enabled: vendorFields.enabled.default(true),
    buyRateCardId: vendorFields.buyRateCardId.default(null),
    priority: vendorFields.priority.default(0),
    weight: vendorFields.weight.default(1),
    qualityScore: vendorFields.qualityScore.default(null),
    blockedPrefixes: vendorFields.blockedPrefixes.default([]),
    notes: vendorFields.notes.default(null),
    tenantId: z.uuid().optional().meta({
      description: "owning tenant (the caller's or a reseller below it); the caller's when omitted",
    }),
  }),
  { codec: true },
) {}

export class UpdateVendorDto extends createZodDto(z.strictObject(vendorFields).partial(), { codec: true }) {}

export const vendorSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  ...vendorFields,
  blockedPrefixes: z.array(z.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class VendorDto extends createZodDto(vendorSchema, { codec: true }) {}

export class VendorPageDto extends pageDto(vendorSchema) {}

export class ListVendorsQueryDto extends createZodDto(
  pageQuerySchema(['name', 'priority', 'createdAt'] as const, 'name').extend({
    search: z.string().max(200).optional().meta({ description: 'part of the name, any case' }),
    enabled: z.stringbool().optional(),
    currency: currencyCode.optional(),
    buyRateCardId: z.uuid().optional(),
    tenantId: z.uuid().optional(),
  }),
) {}
