import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

const holidayDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });

const holidayFields = {
  date: holidayDate.meta({ description: "local date, read in the account's time zone; unique per tenant" }),
  name: z.string().trim().min(1).max(200),
};

export class CreateHolidayDto extends createZodDto(
  z.strictObject({
    ...holidayFields,
    tenantId: z.uuid().optional().meta({
      description: "owning tenant (the caller's or a reseller below it); the caller's when omitted",
    }),
  }),
) {}

export class UpdateHolidayDto extends createZodDto(z.strictObject(holidayFields).partial()) {}

export const holidaySchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  ...holidayFields,
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class HolidayDto extends createZodDto(holidaySchema, { codec: true }) {}

export class HolidayPageDto extends pageDto(holidaySchema) {}

export class ListHolidaysQueryDto extends createZodDto(
  pageQuerySchema(['date', 'name'] as const, 'date').extend({
    from: holidayDate.optional().meta({ description: 'on or after this date' }),
    to: holidayDate.optional().meta({ description: 'on or before this date' }),
    tenantId: z.uuid().optional(),
  }),
) {}
