import { PortingStatus } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

export const portingEventSchema = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  event: z.string().meta({
    description:
      'created, updated, submitted, accepted, rejected, completed, cancelled, note, document_added or document_deleted',
  }),
  fromStatus: z.enum(PortingStatus).nullable().meta({ description: 'null when the request was created' }),
  toStatus: z.enum(PortingStatus),
  actorUserId: z.uuid().nullable().meta({ description: 'null for API keys (details.apiKeyId)' }),
  note: nullableText(2_000),
  details: z.record(z.string(), z.unknown()).nullable().meta({
    description: 'what else the step changed: fields, scheduled date, document, DIDs created or ended',
  }),
  createdAt: timestamp,
});

export class PortingEventPageDto extends pageDto(portingEventSchema) {}

export class ListPortingEventsQueryDto extends createZodDto(
  pageQuerySchema(['createdAt'] as const, 'createdAt'),
  { codec: true },
) {}
