import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ALL_PERMISSIONS, Permission } from '../../auth/principal';
import { timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

export class CreateApiKeyDto extends createZodDto(
  z.strictObject({
    name: z.string().trim().min(1).max(200),
    permissions: z
      .array(z.enum(Permission))
      .min(1)
      .max(20)
      .transform((granted) => ALL_PERMISSIONS.filter((permission) => granted.includes(permission)))
      .meta({ description: "what the key may do; never more than the creator's own permissions" }),
    tenantId: z.uuid().optional().meta({
      description:
        "the tenant the key acts for (the caller's or a reseller below it); the caller's when omitted",
    }),
    expiresAt: timestamp
      .refine((moment) => moment.getTime() > Date.now(), { error: 'must be in the future' })
      .nullable()
      .optional()
      .meta({ description: 'null or omitted: the key works until revoked' }),
  }),
  { codec: true },
) {}

export const apiKeySchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  name: z.string(),
  prefix: z.string().meta({ description: 'the first characters of the key, to recognise it' }),
  permissions: z.array(z.enum(Permission)),
  createdByUserId: z.uuid().nullable(),
  lastUsedAt: timestamp.nullable(),
  expiresAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class ApiKeyDto extends createZodDto(apiKeySchema, { codec: true }) {}

export class CreatedApiKeyDto extends createZodDto(
  apiKeySchema.extend({
    key: z
      .string()
      .meta({ description: 'the key itself: shown this once, send it as "Authorization: Bearer <key>"' }),
  }),
  { codec: true },
) {}

export class ApiKeyPageDto extends pageDto(apiKeySchema) {}

export class ListApiKeysQueryDto extends createZodDto(
  pageQuerySchema(['name', 'createdAt'] as const, 'createdAt').extend({
    order: z.enum(['asc', 'desc']).default('desc'),
    status: z
      .enum(['active', 'revoked', 'expired'])
      .optional()
      .meta({ description: 'active: neither revoked nor expired' }),
    search: z.string().max(200).optional().meta({ description: 'part of the name, any case' }),
    tenantId: z.uuid().optional(),
  }),
) {}
