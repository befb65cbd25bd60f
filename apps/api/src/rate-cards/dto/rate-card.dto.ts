import { RateCardKind } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { currencyCode, timeZone, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

const rateCardFields = {
  name: z.string().trim().min(1).max(200),
  kind: z.enum(RateCardKind).meta({ description: 'sell: what accounts pay; buy: what a vendor charges' }),
  currency: currencyCode,
  timezone: timeZone.meta({ description: "IANA zone of the card's own times; UTC when omitted" }),
  description: z.string().max(500).nullable(),
};

export class CreateRateCardDto extends createZodDto(
  z.strictObject({
    ...rateCardFields,
    timezone: rateCardFields.timezone.optional(),
    description: rateCardFields.description.optional(),
    tenantId: z.uuid().optional().meta({
      description: "owning tenant (the caller's or a reseller below it); the caller's when omitted",
    }),
  }),
) {}

export class UpdateRateCardDto extends createZodDto(z.strictObject(rateCardFields).partial()) {}

export const rateCardSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  ...rateCardFields,
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class RateCardDto extends createZodDto(rateCardSchema, { codec: true }) {}

export class RateCardPageDto extends pageDto(rateCardSchema) {}

export class ListRateCardsQueryDto extends createZodDto(
  pageQuerySchema(['name', 'createdAt'] as const, 'name').extend({
    search: z.string().max(200).optional().meta({ description: 'part of the name, any case' }),
    kind: z.enum(RateCardKind).optional(),
    currency: currencyCode.optional(),
    tenantId: z.uuid().optional(),
  }),
) {}
