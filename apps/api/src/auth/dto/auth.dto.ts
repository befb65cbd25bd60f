import { TenantKind, UserRole } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class LoginDto extends createZodDto(
  z.strictObject({
    email: z
      .email()
      .max(254)
      .transform((email) => email.toLowerCase()),
    password: z.string().min(1).max(1024),
  }),
) {}

export class RefreshDto extends createZodDto(z.strictObject({ refreshToken: z.string().min(20).max(200) })) {}

export class ChangePasswordDto extends createZodDto(
  z.strictObject({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(12, { error: 'must be at least 12 characters' }).max(1024),
  }),
) {}

export const sessionUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(UserRole),
  tenantId: z.uuid(),
  tenantKind: z.enum(TenantKind).meta({
    description:
      "the user's tenant: the operator (owner) or a reseller; with accountId set, an end user of it",
  }),
  accountId: z.uuid().nullable(),
  permissions: z.array(z.string()),
});

export class SessionUserDto extends createZodDto(sessionUserSchema) {}

export class TokensDto extends createZodDto(
  z.object({
    tokenType: z.literal('Bearer'),
    accessToken: z.string(),
    expiresIn: z.number().int().meta({ description: 'seconds until the access token expires' }),
    refreshToken: z.string().meta({ description: 'single use: each refresh returns a new one' }),
    user: sessionUserSchema,
  }),
) {}
