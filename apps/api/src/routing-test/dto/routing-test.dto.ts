import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText, timestamp } from '../../http/field-schemas';

export class RoutingTestQueryDto extends createZodDto(
  z.strictObject({
    number: z
      .string()
      .min(1)
      .max(128)
      .meta({ description: 'the dialled number: +44…, 0044…, 44…', example: '+442071234567' }),
    at: timestamp.optional().meta({ description: 'when the call would start; now when omitted' }),
  }),
  { codec: true },
) {}

const rateSchema = z.object({
  prefix: z.string(),
  destination: nullableText(500),
  pricePerMinute: z.string(),
  connectFee: z.string(),
  firstInterval: z.int(),
  nextInterval: z.int(),
  currency: z.string(),
});

export const routingTestSchema = z.object({
  accountId: z.uuid(),
  destination: nullableText(32).meta({ description: 'the normalised E.164 number; null when it is not one' }),
  routable: z
    .boolean()
    .meta({ description: 'whether authorize would find a route (credit and limits aside)' }),
  refusal: nullableText(64).meta({
    description: "authorize's reason when not routable (no-rate, blocked-destination…)",
  }),
  sellRate: rateSchema.nullable(),
  routingPlan: z
    .object({
      id: z.uuid(),
      name: z.string(),
      strategy: z
        .string()
        .meta({ description: 'in force for this destination (a prefix rule may override the plan)' }),
      matchedPrefix: z.string().meta({ description: "the prefix rule matched; '' for the plan's defaults" }),
      maxVendors: z.int(),
    })
    .nullable(),
  hiddenVendors: z.int().meta({
    description:
      "vendors of a tenant above yours (your provider's carriers) the route uses or left out: counted, never shown",
  }),
  vendors: z.array(
    z.object({
      vendorId: z.uuid(),
      name: z.string(),
      rate: rateSchema,
      cost: z.string().meta({ description: 'the compared buy amount (per minute)' }),
      margin: nullableText(40).meta({ description: 'sell minus cost per minute; null without margin guard' }),
      gateways: z.array(z.object({ trunkId: z.uuid(), uri: z.string(), timeoutSeconds: z.int() })),
    }),
  ),
  excluded: z.array(
    z.object({
      vendorId: z.uuid(),
      name: z.string(),
      reason: z.enum([
        'disabled',
        'blocked',
        'no-rate',
        'above-sell',
        'below-margin',
        'no-buy-card',
        'beyond-max-vendors',
      ]),
    }),
  ),
});

export class RoutingTestDto extends createZodDto(routingTestSchema) {}
