import { RecurringPeriod } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { currencyCode, money, nullableText, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

const recurringFee = money.refine((fee) => !fee.isNegative(), { error: 'must not be negative' });

const planFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullable(),
  sellRateCardId: z
    .uuid()
    .meta({ description: "a sell rate card of the plan's tenant, in the plan's currency" }),
  routingPlanId: z
    .uuid()
    .nullable()
    .meta({ description: 'null: calls follow the routing of the tenant above' }),
  recurringFee,
  recurringPeriod: z.enum(RecurringPeriod),
  includedMinutes: z
    .int()
    .min(0)
    .max(100_000_000)
    .meta({ description: 'minutes per recurring period not charged by the sell rate card' }),
  maxChannels: z
    .int()
    .min(0)
    .max(1_000_000)
    .nullable()
    .meta({ description: 'default channel limit of accounts on the plan; null = unlimited' }),
  currency: currencyCode,
  active: z.boolean().meta({ description: 'inactive plans keep their accounts but are offered no more' }),
};

export class CreateServicePlanDto extends createZodDto(
  z.strictObject({
    ...planFields,
    description: planFields.description.optional(),
    routingPlanId: planFields.routingPlanId.optional(),
    recurringFee: planFields.recurringFee.optional().meta({ description: 'defaults to 0' }),
    recurringPeriod: planFields.recurringPeriod.default(RecurringPeriod.Monthly),
    includedMinutes: planFields.includedMinutes.default(0),
    maxChannels: planFields.maxChannels.optional(),
    currency: planFields.currency.optional().meta({ description: "the sell rate card's when omitted" }),
    active: planFields.active.default(true),
    tenantId: z.uuid().optional().meta({
      description: "owning tenant (the caller's or a reseller below it); the caller's when omitted",
    }),
  }),
  { codec: true },
) {}

export class UpdateServicePlanDto extends createZodDto(z.strictObject(planFields).partial(), {
  codec: true,
}) {}

export const servicePlanSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  name: z.string(),
  description: nullableText(),
  sellRateCardId: z.uuid(),
  routingPlanId: z.uuid().nullable(),
  recurringFee: money,
  recurringPeriod: z.enum(RecurringPeriod),
  includedMinutes: z.int(),
  maxChannels: z.int().nullable(),
  currency: z.string(),
  active: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class ServicePlanDto extends createZodDto(servicePlanSchema, { codec: true }) {}

export class ServicePlanPageDto extends pageDto(servicePlanSchema) {}

export class ListServicePlansQueryDto extends createZodDto(
  pageQuerySchema(['name', 'createdAt'] as const, 'name').extend({
    search: z.string().max(200).optional().meta({ description: 'part of the name, any case' }),
    active: z.stringbool().optional(),
    currency: currencyCode.optional(),
    tenantId: z.uuid().optional(),
  }),
) {}
