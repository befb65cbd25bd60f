import { RoutingStrategy } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

export const rulePrefix = z.string().regex(/^\d{1,15}$/, {
  error: 'must be 1 to 15 digits (E.164 without "+"); the plan itself is the default',
});

const ruleFields = {
  prefix: rulePrefix,
  strategy: z
    .enum(RoutingStrategy)
    .nullable()
    .meta({ description: "strategy for destinations under this prefix; null = the plan's" }),
  blocked: z.boolean().meta({ description: 'calls to this prefix are refused, whoever could carry them' }),
};

export class CreateRoutingPlanPrefixDto extends createZodDto(
  z.strictObject({
    prefix: ruleFields.prefix,
    strategy: ruleFields.strategy.default(null),
    blocked: ruleFields.blocked.default(false),
  }),
) {}

export class UpdateRoutingPlanPrefixDto extends createZodDto(z.strictObject(ruleFields).partial()) {}

export const routingPlanPrefixSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  routingPlanId: z.uuid(),
  prefix: z.string(),
  strategy: z.enum(RoutingStrategy).nullable(),
  blocked: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class RoutingPlanPrefixDto extends createZodDto(routingPlanPrefixSchema, { codec: true }) {}

export class RoutingPlanPrefixPageDto extends pageDto(routingPlanPrefixSchema) {}

export class ListRoutingPlanPrefixesQueryDto extends createZodDto(
  pageQuerySchema(['prefix', 'createdAt'] as const, 'prefix').extend({
    startsWith: z
      .string()
      .regex(/^\d{1,15}$/)
      .optional()
      .meta({ description: 'prefixes starting with these digits' }),
    blocked: z.stringbool().optional(),
  }),
) {}

export const prefixRuleParameters = z.object({
  id: z.uuid({ error: 'must be a UUID' }),
  prefixId: z.uuid({ error: 'must be a UUID' }),
});
