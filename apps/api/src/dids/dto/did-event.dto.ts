import { DidStatus } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

export const didEventSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  didId: z.uuid(),
  event: z.string().meta({
    description:
      'added, updated, reserved, reservation_extended, reservation_cancelled, reservation_expired, assigned, ' +
      'route_changed, released, quarantine_ended or removed',
  }),
  fromStatus: z.enum(DidStatus).nullable().meta({ description: 'null when the number was added' }),
  toStatus: z.enum(DidStatus),
  accountId: z
    .uuid()
    .nullable()
    .meta({ description: 'the account the step concerns (holder before or after)' }),
  actorUserId: z.uuid().nullable().meta({ description: 'null for API keys and the scheduled job' }),
  details: z.record(z.string(), z.unknown()).nullable().meta({
    description: 'what else the step changed: route, prices, deadlines, note, import id, API key, job',
  }),
  createdAt: timestamp,
});

export class DidEventPageDto extends pageDto(didEventSchema) {}

export class ListDidEventsQueryDto extends createZodDto(
  pageQuerySchema(['createdAt'] as const, 'createdAt'),
  { codec: true },
) {}
