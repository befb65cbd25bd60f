import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

const assignmentPrefix = z.string().regex(/^\d{0,15}$/, {
  error: "must be '' (the plan's default vendors) or the 1 to 15 digits of one of the plan's prefix rules",
});

const overrides = {
  priority: z.int().min(0).max(1_000_000).nullable().meta({
    description: "fixed-priority order in this plan (lower first); null = the vendor's own priority",
  }),
  weight: z
    .int()
    .min(0)
    .max(1_000_000)
    .nullable()
    .meta({ description: "weighted share in this plan; null = the vendor's own weight" }),
};

export class CreateRoutingPlanVendorDto extends createZodDto(
  z.strictObject({
    prefix: assignmentPrefix.default(''),
    vendorId: z.uuid(),
    priority: overrides.priority.default(null),
    weight: overrides.weight.default(null),
  }),
) {}

export class UpdateRoutingPlanVendorDto extends createZodDto(z.strictObject(overrides).partial()) {}

export const routingPlanVendorSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  routingPlanId: z.uuid(),
  prefix: z.string(),
  vendorId: z.uuid(),
  priority: z.int().nullable(),
  weight: z.int().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class RoutingPlanVendorDto extends createZodDto(routingPlanVendorSchema, { codec: true }) {}

export class RoutingPlanVendorPageDto extends pageDto(routingPlanVendorSchema) {}

export class ListRoutingPlanVendorsQueryDto extends createZodDto(
  pageQuerySchema(['prefix', 'createdAt'] as const, 'prefix').extend({
    prefix: assignmentPrefix.optional().meta({ description: "only this prefix ('' = the plan's defaults)" }),
    vendorId: z.uuid().optional(),
  }),
) {}

export const vendorAssignmentParameters = z.object({
  id: z.uuid({ error: 'must be a UUID' }),
  assignmentId: z.uuid({ error: 'must be a UUID' }),
});
