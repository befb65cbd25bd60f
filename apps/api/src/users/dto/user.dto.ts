import { UserRole } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

const password = z.string().min(12, { error: 'must be at least 12 characters' }).max(1024);

const editableFields = {
  displayName: z.string().trim().min(1).max(200),
  role: z.enum(UserRole),
  active: z.boolean().meta({ description: 'false disables the login and ends its sessions' }),
};

export class CreateUserDto extends createZodDto(
  z.strictObject({
    ...editableFields,
    email: z
      .email()
      .max(254)
      .transform((email) => email.toLowerCase())
      .meta({ description: 'the login, unique on the whole platform; stored lower-cased' }),
    password,
    active: editableFields.active.default(true),
    tenantId: z.uuid().optional().meta({
      description:
        "the user's tenant (the caller's or a reseller below it); the account's tenant, else the caller's, when omitted",
    }),
    accountId: z.uuid().nullable().optional().meta({
      description: 'set for an end-user login: the one subscriber account it sees (of the same tenant)',
    }),
  }),
) {}

export class UpdateUserDto extends createZodDto(
  z
    .strictObject({
      ...editableFields,
      password: password.meta({ description: "an administrator's reset: ends the user's sessions" }),
    })
    .partial(),
) {}

export const userSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  accountId: z.uuid().nullable(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(UserRole),
  active: z.boolean(),
  lastLoginAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class UserDto extends createZodDto(userSchema, { codec: true }) {}

export class UserPageDto extends pageDto(userSchema) {}

export class ListUsersQueryDto extends createZodDto(
  pageQuerySchema(['email', 'displayName', 'createdAt'] as const, 'email').extend({
    search: z.string().max(254).optional().meta({ description: 'part of the e-mail or name, any case' }),
    role: z.enum(UserRole).optional(),
    active: z.stringbool().optional(),
    tenantId: z.uuid().optional(),
    accountId: z.uuid().optional(),
    kind: z.enum(['staff', 'end-user']).optional().meta({
      description:
        'staff: logins of a tenant (administrators, billing, read-only); end-user: logins of one account',
    }),
  }),
) {}
