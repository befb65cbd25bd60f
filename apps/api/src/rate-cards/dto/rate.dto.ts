import type Decimal from 'decimal.js';
import { RoundingMode } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { money, nullableText, ratePrice, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

/** Most rows a bulk request may carry; larger decks go in several requests. */
export const MAX_BULK_RATES = 5000;

const ONE_DAY = 86_400;

export const ratePrefix = z.string().regex(/^\d{0,15}$/, {
  error: "must be up to 15 digits without '+' ('' is a catch-all)",
});

const seconds = (minimum: number) => z.int().min(minimum).max(ONE_DAY);

const rateFields = {
  prefix: ratePrefix,
  destination: z.string().trim().min(1).max(200).meta({ description: 'e.g. "United Kingdom - Mobile"' }),
  pricePerMinute: ratePrice,
  connectFee: ratePrice,
  firstInterval: seconds(1).meta({ description: 'seconds billed for the first pulse (30 in 30/6)' }),
  nextInterval: seconds(1).meta({ description: 'pulse length after the first one (6 in 30/6)' }),
  minCharge: money
    .refine((amount: Decimal) => !amount.isNegative(), { error: 'must not be negative' })
    .meta({ description: 'floor of the total of an answered, chargeable call; not negative' }),
  freeSeconds: seconds(0),
  noChargeBelowSeconds: seconds(0).meta({ description: 'shorter answered calls cost nothing at all' }),
  roundingMode: z.enum(RoundingMode).meta({ description: 'how the call total is rounded, once' }),
  roundingDecimals: z.int().min(0).max(6),
  effectiveFrom: timestamp,
  effectiveTo: timestamp.nullable().meta({ description: 'exclusive; null = until further notice' }),
  periodId: z.uuid().nullable().meta({ description: 'a period of this card; null = any time' }),
};

/** On create an omitted effectiveFrom means now; on update the stored one is checked by the service. */
const windowIsOrdered =
  (omittedFrom: 'now' | 'stored') => (rate: { effectiveFrom?: Date; effectiveTo?: Date | null }) => {
    if (!rate.effectiveTo) return true;
    if (!rate.effectiveFrom) return omittedFrom === 'stored' || rate.effectiveTo > new Date();
    return rate.effectiveTo > rate.effectiveFrom;
  };

const orderedWindow = { path: ['effectiveTo'], error: 'must be after effectiveFrom' };

export const rateInput = z
  .strictObject({
    ...rateFields,
    connectFee: rateFields.connectFee.prefault('0'),
    minCharge: rateFields.minCharge.prefault('0'),
    freeSeconds: rateFields.freeSeconds.default(0),
    noChargeBelowSeconds: rateFields.noChargeBelowSeconds.default(0),
    effectiveFrom: rateFields.effectiveFrom.optional().meta({ description: 'default: now' }),
    effectiveTo: rateFields.effectiveTo.default(null),
    periodId: rateFields.periodId.default(null),
  })
  .refine(windowIsOrdered('now'), orderedWindow);

export type RateInput = z.output<typeof rateInput>;

export class CreateRateDto extends createZodDto(rateInput, { codec: true }) {}

export class UpdateRateDto extends createZodDto(
  z.strictObject(rateFields).partial().refine(windowIsOrdered('stored'), orderedWindow),
  { codec: true },
) {}

export class BulkCreateRatesDto extends createZodDto(
  z.strictObject({
    rates: z
      .array(rateInput)
      .min(1)
      .max(MAX_BULK_RATES)
      .meta({
        description: `1 to ${MAX_BULK_RATES} rates, written all or nothing`,
      }),
  }),
  { codec: true },
) {}

export class BulkCreateRatesResultDto extends createZodDto(
  z.object({ created: z.int().meta({ description: 'rates written' }) }),
  { codec: true },
) {}

export const rateSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  rateCardId: z.uuid(),
  ...rateFields,
  destination: nullableText(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class RateDto extends createZodDto(rateSchema, { codec: true }) {}

export class RatePageDto extends pageDto(rateSchema) {}

export class ListRatesQueryDto extends createZodDto(
  pageQuerySchema(['prefix', 'destination', 'effectiveFrom'] as const, 'prefix').extend({
    prefix: ratePrefix.optional().meta({ description: 'this prefix exactly' }),
    prefixStartsWith: z
      .string()
      .regex(/^\d{1,15}$/, { error: 'must be 1 to 15 digits' })
      .optional()
      .meta({ description: 'prefixes starting with these digits' }),
    destination: z.string().max(200).optional().meta({ description: 'part of the destination, any case' }),
    activeAt: timestamp.optional().meta({ description: 'only rates in force at this instant' }),
    periodId: z.uuid().optional(),
  }),
) {}
