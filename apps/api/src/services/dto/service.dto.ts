import { isIP } from 'node:net';
import { ServiceKind, ServiceStatus } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';
import { parseSourceAddressRange, rangesOverlap, type SourceAddressRange } from '../source-address-range';

/** Each entry checked strictly and named by its index; ranges of one trunk must not overlap each other. */
const allowedSourceIps = z
  .array(z.string().trim().max(64))
  .max(100)
  .transform((entries, context) => {
    const ranges: SourceAddressRange[] = [];
    entries.forEach((entry, index) => {
      const range = parseSourceAddressRange(entry);
      if ('error' in range) {
        context.issues.push({ code: 'custom', message: range.error, input: entry, path: [index] });
        return;
      }
      const earlier = ranges.findIndex((other) => rangesOverlap(other, range));
      if (earlier >= 0)
        context.issues.push({
          code: 'custom',
          message: `overlaps allowedSourceIps.${earlier} (${ranges[earlier]!.text})`,
          input: entry,
          path: [index],
        });
      ranges.push(range);
    });
    return ranges.map((range) => range.text);
  })
  .meta({
    description:
      'SIP trunk only (at least one): the IPv4/IPv6 addresses or CIDR ranges its calls come from; ' +
      'no two live trunks on the platform may claim overlapping ranges',
    example: ['203.0.113.10', '2001:db8:10::/48'],
  });

const techPrefix = z
  .string()
  .regex(/^\d{1,10}$/, { error: 'must be 1 to 10 digits' })
  .nullable()
  .meta({ description: 'SIP trunk only: digits the customer dials before the number' });

const maxChannels = z
  .int()
  .min(0)
  .max(1_000_000)
  .nullable()
  .meta({ description: 'concurrent calls; null = unlimited' });

const name = z.string().trim().min(1).max(200);

export class CreateServiceDto extends createZodDto(
  z.strictObject({
    accountId: z.uuid(),
    templateId: z.uuid().optional().meta({
      description: "an active template of the account's tenant; kind, name and maxChannels default from it",
    }),
    kind: z.enum(ServiceKind).optional().meta({ description: 'required without a template' }),
    name: name.optional().meta({ description: "the template's name when omitted" }),
    status: z.enum([ServiceStatus.Active, ServiceStatus.Suspended]).default(ServiceStatus.Active),
    allowedSourceIps: allowedSourceIps.default([]),
    techPrefix: techPrefix.default(null),
    maxChannels: maxChannels.optional(),
  }),
) {}

export class UpdateServiceDto extends createZodDto(
  z
    .strictObject({
      name,
      status: z.enum(ServiceStatus).meta({
        description: 'terminated is final: it sets endedAt, and the service can no longer change',
      }),
      allowedSourceIps,
      techPrefix,
      maxChannels,
    })
    .partial(),
) {}

export const serviceSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  accountId: z.uuid(),
  templateId: z.uuid().nullable(),
  kind: z.enum(ServiceKind),
  status: z.enum(ServiceStatus),
  name: z.string(),
  allowedSourceIps: z.array(z.string()),
  techPrefix: nullableText(),
  maxChannels: z.int().nullable(),
  startedAt: timestamp,
  endedAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class ServiceDto extends createZodDto(serviceSchema, { codec: true }) {}

export class ServicePageDto extends pageDto(serviceSchema) {}

export class ListServicesQueryDto extends createZodDto(
  pageQuerySchema(['name', 'createdAt', 'startedAt'] as const, 'name').extend({
    accountId: z.uuid().optional(),
    templateId: z.uuid().optional(),
    kind: z.enum(ServiceKind).optional(),
    status: z.enum(ServiceStatus).optional(),
    search: z.string().max(200).optional().meta({ description: 'part of the name, any case' }),
    sourceAddress: z
      .string()
      .refine((address) => isIP(address) !== 0 && !address.includes('%'), { error: 'must be an IP address' })
      .optional()
      .meta({ description: 'SIP trunks whose allowed ranges contain this address' }),
  }),
) {}
