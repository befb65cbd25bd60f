import { ServiceKind } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

const templateFields = {
  name: z.string().trim().min(1).max(200),
  kind: z.enum(ServiceKind),
  description: z.string().max(2000).nullable(),
  maxChannels: z
    .int()
    .min(0)
    .max(1_000_000)
    .nullable()
    .meta({ description: 'default channel limit of services created from it; null = unlimited' }),
  servicePlanId: z.uuid().nullable().meta({
    description: "default plan of the accounts it is sold to: an active plan of the template's tenant",
  }),
  active: z.boolean().meta({ description: 'inactive templates keep their services but are offered no more' }),
};

export class CreateServiceTemplateDto extends createZodDto(
  z.strictObject({
    ...templateFields,
    description: templateFields.description.optional(),
    maxChannels: templateFields.maxChannels.optional(),
    servicePlanId: templateFields.servicePlanId.optional(),
    active: templateFields.active.default(true),
    tenantId: z.uuid().optional().meta({
      description: "owning tenant (the caller's or a reseller below it); the caller's when omitted",
    }),
  }),
) {}

export class UpdateServiceTemplateDto extends createZodDto(z.strictObject(templateFields).partial()) {}

export const serviceTemplateSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  name: z.string(),
  kind: z.enum(ServiceKind),
  description: nullableText(),
  maxChannels: z.int().nullable(),
  servicePlanId: z.uuid().nullable(),
  active: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class ServiceTemplateDto extends createZodDto(serviceTemplateSchema, { codec: true }) {}

export class ServiceTemplatePageDto extends pageDto(serviceTemplateSchema) {}

export class ListServiceTemplatesQueryDto extends createZodDto(
  pageQuerySchema(['name', 'createdAt'] as const, 'name').extend({
    search: z.string().max(200).optional().meta({ description: 'part of the name, any case' }),
    kind: z.enum(ServiceKind).optional(),
    active: z.stringbool().optional(),
    tenantId: z.uuid().optional(),
  }),
) {}
