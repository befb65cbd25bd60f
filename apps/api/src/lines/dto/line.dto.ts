import { LineStatus } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

const username = z.string().regex(/^[A-Za-z0-9._+-]{1,64}$/, {
  error: 'must be 1 to 64 letters, digits, ".", "_", "-" or "+" (the user part of the SIP address)',
});

const sipPassword = z
  .string()
  .min(12, { error: 'must be at least 12 characters' })
  .max(128)
  .regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' })
  .meta({ description: 'the SIP password; 20 random characters are generated when omitted' });

const editableFields = {
  username,
  domainId: z.uuid().meta({ description: "a domain of the account's tenant or of a tenant above it" }),
  callerIdName: z.string().trim().min(1).max(100).nullable(),
  callerIdNumber: z
    .string()
    .regex(/^\+?[0-9]{1,15}$/, { error: 'must be an E.164 number: up to 15 digits, optionally after "+"' })
    .nullable(),
  maxChannels: z
    .int()
    .min(1)
    .max(1_000_000)
    .nullable()
    .meta({ description: "concurrent calls of the line; null = only the account's limits apply" }),
  status: z.enum(LineStatus),
};

export class CreateLineDto extends createZodDto(
  z.strictObject({
    ...editableFields,
    accountId: z.uuid(),
    password: sipPassword.optional(),
    callerIdName: editableFields.callerIdName.optional(),
    callerIdNumber: editableFields.callerIdNumber.optional(),
    maxChannels: editableFields.maxChannels.optional(),
    status: editableFields.status.default(LineStatus.Active),
  }),
) {}

export class UpdateLineDto extends createZodDto(
  z
    .strictObject({
      ...editableFields,
      password: sipPassword.meta({
        description: 'required with a new username or domain: the stored digests depend on both',
      }),
    })
    .partial(),
) {}

// A request without a body generates a password, as `{}` does.
export class ResetLinePasswordDto extends createZodDto(
  z.preprocess((body) => body ?? {}, z.strictObject({ password: sipPassword.optional() })),
) {}

export const lineSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  accountId: z.uuid(),
  domainId: z.uuid(),
  domain: z.string().meta({ description: 'the SIP domain name, also the digest realm' }),
  username: z.string(),
  sipUri: z.string().meta({ example: 'sip:alice@sip.example.com' }),
  callerIdName: nullableText(),
  callerIdNumber: nullableText(),
  maxChannels: z.int().nullable(),
  status: z.enum(LineStatus),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const lineWithPasswordSchema = lineSchema.extend({
  sipPassword: z.string().meta({ description: 'shown in this answer only: it cannot be read again' }),
});

export class LineDto extends createZodDto(lineSchema, { codec: true }) {}

export class LineWithPasswordDto extends createZodDto(lineWithPasswordSchema, { codec: true }) {}

export class LinePageDto extends pageDto(lineSchema) {}

export class ListLinesQueryDto extends createZodDto(
  pageQuerySchema(['username', 'createdAt'] as const, 'username').extend({
    search: z.string().max(64).optional().meta({ description: 'part of the username, any case' }),
    accountId: z.uuid().optional(),
    domainId: z.uuid().optional(),
    status: z.enum(LineStatus).optional(),
    tenantId: z.uuid().optional(),
  }),
) {}
