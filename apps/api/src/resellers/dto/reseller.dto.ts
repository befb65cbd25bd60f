import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { timestamp } from '../../http/field-schemas';
import { ownSettingsFields, parentSettingsFields } from '../../settings/dto/tenant-settings.dto';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

const settingsFields = { ...ownSettingsFields, ...parentSettingsFields };

const settingsInput = z.strictObject(settingsFields).partial();

export class CreateResellerDto extends createZodDto(
  z.strictObject({
    name: z.string().trim().min(1).max(200),
    parentId: z
      .uuid()
      .optional()
      .meta({ description: "the parent reseller; the caller's own tenant when omitted" }),
    settings: settingsInput.optional(),
  }),
  { codec: true },
) {}

export class UpdateResellerDto extends createZodDto(
  z.strictObject({ name: z.string().trim().min(1).max(200), settings: settingsInput }).partial(),
  { codec: true },
) {}

export const resellerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  parentId: z.uuid(),
  settings: z.object(settingsFields),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class ResellerDto extends createZodDto(resellerSchema, { codec: true }) {}

export class ResellerPageDto extends pageDto(resellerSchema) {}

export class ListResellersQueryDto extends createZodDto(
  pageQuerySchema(['name', 'createdAt'] as const, 'name').extend({
    parentId: z.uuid().optional(),
    search: z.string().max(200).optional().meta({ description: 'part of the name, any case' }),
  }),
) {}
