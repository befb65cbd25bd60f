import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/, {
    error: 'must be a DNS name such as sip.example.com',
  });

export class CreateDomainDto extends createZodDto(
  z.strictObject({
    name: domainName,
    description: z.string().max(500).nullable().optional(),
    enabled: z.boolean().default(true),
    tenantId: z.uuid().optional().meta({
      description: "owning tenant (the caller's or a reseller below it); the caller's when omitted",
    }),
  }),
) {}

export class UpdateDomainDto extends createZodDto(
  z
    .strictObject({ name: domainName, description: z.string().max(500).nullable(), enabled: z.boolean() })
    .partial(),
) {}

export const domainSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  name: z.string(),
  description: z.string().max(500).nullable(),
  enabled: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class DomainDto extends createZodDto(domainSchema, { codec: true }) {}

export class DomainPageDto extends pageDto(domainSchema) {}

export class ListDomainsQueryDto extends createZodDto(
  pageQuerySchema(['name', 'createdAt'] as const, 'name').extend({
    search: z.string().max(253).optional().meta({ description: 'part of the name' }),
    enabled: z.stringbool().optional(),
    tenantId: z.uuid().optional(),
  }),
) {}
