import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';
import { isIpAddress, readCidr } from '../cidr-notation';

const cidr = z
  .string()
  .max(100)
  .transform((text, context) => {
    const reading = readCidr(text);
    if (reading.ok) return reading.cidr;
    context.issues.push({ code: 'custom', message: reading.reason, input: text });
    return z.NEVER;
  })
  .meta({
    description: 'an IPv4/IPv6 network (192.0.2.0/24) or a single address, kept as /32 or /128',
    example: '192.0.2.0/24',
  });

const banFields = {
  cidr,
  reason: z.string().trim().min(1).max(500).nullable(),
  expiresAt: timestamp
    .refine((moment) => moment.getTime() > Date.now(), { error: 'must be in the future' })
    .nullable()
    .meta({ description: 'when the ban lifts itself; null = until deleted' }),
};

export class CreateBannedIpDto extends createZodDto(
  z.strictObject({
    ...banFields,
    reason: banFields.reason.optional(),
    expiresAt: banFields.expiresAt.optional(),
    tenantId: z.uuid().optional().meta({
      description: "owning tenant (the caller's or a reseller below it); the caller's when omitted",
    }),
  }),
  { codec: true },
) {}

export class UpdateBannedIpDto extends createZodDto(z.strictObject(banFields).partial(), { codec: true }) {}

export const bannedIpSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  cidr: z.string(),
  reason: nullableText(),
  expiresAt: timestamp.nullable(),
  createdByUserId: z.uuid().nullable().meta({ description: 'null when banned automatically' }),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class BannedIpDto extends createZodDto(bannedIpSchema, { codec: true }) {}

export class BannedIpPageDto extends pageDto(bannedIpSchema) {}

export class ListBannedIpsQueryDto extends createZodDto(
  pageQuerySchema(['createdAt', 'cidr'] as const, 'createdAt').extend({
    order: z.enum(['asc', 'desc']).default('desc'),
    activeAt: timestamp.optional().meta({ description: 'only bans in force at this moment' }),
    contains: z
      .string()
      .refine(isIpAddress, { error: 'must be an IPv4 or IPv6 address' })
      .optional()
      .meta({ description: 'only bans whose network contains this address' }),
    tenantId: z.uuid().optional(),
  }),
  { codec: true },
) {}
