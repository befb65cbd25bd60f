import Decimal from 'decimal.js';
import { RoutingStrategy } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { decimalCodec, ratePrice, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

/** A percentage of the sell price, "0" to "100" with at most 4 decimals (the column is numeric(7,4)). */
export const marginPercent = decimalCodec(
  z
    .string()
    .regex(/^\d{1,3}(\.\d{1,4})?$/, {
      error: 'must be a decimal string with at most 4 decimals, e.g. "12.5"',
    })
    .refine((value) => new Decimal(value).lte(100), { error: 'must be between 0 and 100' }),
  '10',
);

const planName = z.string().trim().min(1).max(200);

const planFields = {
  name: planName,
  strategy: z.enum(RoutingStrategy).meta({
    description:
      'lcr: cheapest first; mcr: most expensive first; priority: fixed order; weighted: random by weight',
  }),
  marginGuardPercent: marginPercent.nullable().meta({
    description: 'minimum margin a vendor must leave, in % of the sell price; null = no percentage floor',
  }),
  marginGuardAmount: ratePrice.nullable().meta({
    description: 'minimum margin per minute (sell minus buy price) a vendor must leave; null = no floor',
  }),
  allowLoss: z.boolean().meta({ description: 'offer vendors costing more than the sell price' }),
  maxVendors: z
    .int()
    .min(1)
    .max(20)
    .meta({ description: 'vendors handed to Kamailio per call (failover depth)' }),
};

export class CreateRoutingPlanDto extends createZodDto(
  z.strictObject({
    ...planFields,
    marginGuardPercent: planFields.marginGuardPercent.optional(),
    marginGuardAmount: planFields.marginGuardAmount.optional(),
    allowLoss: planFields.allowLoss.default(false),
    maxVendors: planFields.maxVendors.default(3),
    tenantId: z.uuid().optional().meta({
      description: "owning tenant (the caller's or a reseller below it); the caller's when omitted",
    }),
  }),
  { codec: true },
) {}

export class UpdateRoutingPlanDto extends createZodDto(z.strictObject(planFields).partial(), {
  codec: true,
}) {}

export const routingPlanSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  name: z.string(),
  strategy: z.enum(RoutingStrategy),
  marginGuardPercent: marginPercent.nullable(),
  marginGuardAmount: ratePrice.nullable(),
  allowLoss: z.boolean(),
  maxVendors: z.int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class RoutingPlanDto extends createZodDto(routingPlanSchema, { codec: true }) {}

export class RoutingPlanPageDto extends pageDto(routingPlanSchema) {}

export class ListRoutingPlansQueryDto extends createZodDto(
  pageQuerySchema(['name', 'createdAt'] as const, 'name').extend({
    search: z.string().max(200).optional().meta({ description: 'part of the name, any case' }),
    strategy: z.enum(RoutingStrategy).optional(),
    tenantId: z.uuid().optional(),
  }),
) {}
