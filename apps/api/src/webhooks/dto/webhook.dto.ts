import { WebhookDeliveryStatus, WebhookEventType } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

const endpointUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .max(2_000)
  .meta({
    description: 'where the events are POSTed',
    example: 'https://billing.example.net/hooks/tollgate',
  });

const endpointFields = {
  url: endpointUrl,
  description: z.string().trim().min(1).max(500).nullable(),
  events: z
    .array(z.enum(WebhookEventType))
    .min(1)
    .max(10)
    .transform((events) => [...new Set(events)])
    .meta({ description: 'the events sent to it' }),
  enabled: z.boolean(),
};

export class CreateWebhookDto extends createZodDto(
  z.strictObject({
    ...endpointFields,
    description: endpointFields.description.optional(),
    enabled: endpointFields.enabled.optional(),
    tenantId: z.uuid().optional().meta({
      description:
        "the tenant whose events (its own and those below it) it receives: the caller's or a reseller below it; the caller's when omitted",
    }),
  }),
  { codec: true },
) {}

export class UpdateWebhookDto extends createZodDto(z.strictObject(endpointFields).partial(), {
  codec: true,
}) {}

export const webhookSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  url: z.string(),
  description: nullableText(),
  events: z.array(z.enum(WebhookEventType)),
  enabled: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class WebhookDto extends createZodDto(webhookSchema, { codec: true }) {}

export class WebhookWithSecretDto extends createZodDto(
  webhookSchema.extend({
    signingSecret: z.string().meta({
      description: 'the HMAC-SHA256 key of the Tollgate-Signature header; shown in this answer only',
    }),
  }),
  { codec: true },
) {}

export class WebhookPageDto extends pageDto(webhookSchema) {}

export class ListWebhooksQueryDto extends createZodDto(
  pageQuerySchema(['createdAt', 'url'] as const, 'createdAt').extend({
    order: z.enum(['asc', 'desc']).default('desc'),
    tenantId: z.uuid().optional(),
  }),
  { codec: true },
) {}

export const webhookDeliverySchema = z.object({
  id: z.uuid(),
  endpointId: z.uuid(),
  eventType: z.enum(WebhookEventType),
  payload: z.record(z.string(), z.unknown()).meta({ description: 'the body POSTed, as sent' }),
  status: z.enum(WebhookDeliveryStatus),
  attempts: z.int(),
  lastStatusCode: z.int().nullable().meta({ description: "the endpoint's HTTP status at the last attempt" }),
  lastError: nullableText().meta({ description: 'why the last attempt failed' }),
  deliveredAt: timestamp.nullable(),
  createdAt: timestamp,
});

export class WebhookDeliveryPageDto extends pageDto(webhookDeliverySchema) {}

export class ListWebhookDeliveriesQueryDto extends createZodDto(
  pageQuerySchema(['createdAt'] as const, 'createdAt').extend({
    order: z.enum(['asc', 'desc']).default('desc'),
    status: z.enum(WebhookDeliveryStatus).optional(),
  }),
  { codec: true },
) {}
