import { RoutingStrategy } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ratePrice } from '../../http/field-schemas';
import { qualityScore } from '../../vendors/dto/vendor.dto';
import { marginPercent } from './routing-plan.dto';

export class ResolveRoutingQueryDto extends createZodDto(
  z.object({
    destination: z
      .string()
      .regex(/^\d{1,32}$/, { error: 'must be the dialled number as E.164 digits without "+"' }),
  }),
) {}

const resolvedVendorSchema = z.object({
  assignmentId: z.uuid(),
  vendorId: z.uuid(),
  name: z.string(),
  currency: z.string(),
  enabled: z.boolean(),
  buyRateCardId: z.uuid().nullable(),
  priority: z.int().meta({ description: "the plan's priority for this vendor, else the vendor's own" }),
  weight: z.int().meta({ description: "the plan's weight for this vendor, else the vendor's own" }),
  qualityScore: qualityScore.nullable(),
  blockedPrefixes: z.array(z.string()).meta({ description: 'destinations the vendor never carries' }),
});

export const resolvedRoutingSchema = z.object({
  routingPlanId: z.uuid(),
  destination: z.string(),
  matchedPrefix: z.string().meta({
    description: "the longest prefix rule matching the destination; '' when none does (plan default)",
  }),
  prefixRuleId: z.uuid().nullable(),
  strategy: z.enum(RoutingStrategy).meta({ description: "the rule's strategy, else the plan's" }),
  blocked: z
    .boolean()
    .meta({ description: 'the matched rule refuses the destination: no vendors are offered' }),
  vendorSource: z.enum(['prefix', 'default']).meta({
    description: "prefix: the matched rule's own vendors; default: the plan's (the rule has none of its own)",
  }),
  maxVendors: z.int(),
  allowLoss: z.boolean(),
  marginGuardPercent: marginPercent.nullable(),
  marginGuardAmount: ratePrice.nullable(),
  vendors: z.array(resolvedVendorSchema),
});

export type ResolvedRouting = z.output<typeof resolvedRoutingSchema>;

export class ResolvedRoutingDto extends createZodDto(resolvedRoutingSchema, { codec: true }) {}
