import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

export const auditLogEntrySchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid().meta({ description: 'the tenant owning the changed object' }),
  actorUserId: z.uuid().nullable(),
  actorApiKeyId: z.uuid().nullable(),
  action: z.string().meta({ description: '<entity type>.<verb>, e.g. domain.update' }),
  entityType: z.string(),
  entityId: z.string(),
  changes: z.record(z.string(), z.unknown()).nullable().meta({
    description: '{ field: { before, after } } for the changed fields; secrets show as "[changed]"',
  }),
  ip: nullableText(),
  userAgent: nullableText(),
  requestId: nullableText(),
  createdAt: timestamp,
});

export class AuditLogEntryDto extends createZodDto(auditLogEntrySchema, { codec: true }) {}

export class AuditLogEntryPageDto extends pageDto(auditLogEntrySchema) {}

export class ListAuditLogQueryDto extends createZodDto(
  pageQuerySchema(['createdAt'] as const, 'createdAt')
    .extend({
      order: z.enum(['asc', 'desc']).default('desc'),
      entityType: z.string().max(100).optional(),
      entityId: z.string().max(200).optional(),
      action: z.string().max(200).optional(),
      actorUserId: z.uuid().optional(),
      actorApiKeyId: z.uuid().optional(),
      tenantId: z.uuid().optional(),
      from: timestamp.optional().meta({ description: 'entries written at or after this moment' }),
      to: timestamp.optional().meta({ description: 'entries written before this moment' }),
    })
    .refine((query) => !query.from || !query.to || query.from < query.to, {
      path: ['to'],
      error: 'must be after from',
    }),
  { codec: true },
) {}
