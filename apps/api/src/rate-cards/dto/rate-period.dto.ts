import { PeriodHolidays } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

const startTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time HH:MM, 00:00 to 23:59' });
const endTime = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: 'must be a time HH:MM, 00:00 to 24:00' });

const periodFields = {
  name: z.string().trim().min(1).max(100).meta({ description: 'unique on the card, e.g. "peak"' }),
  position: z.int().min(0).max(10_000).meta({ description: 'periods are tried by ascending position' }),
  weekdays: z
    .array(z.int().min(1).max(7))
    .max(7)
    .transform((days) => [...new Set(days)].sort((a, b) => a - b))
    .meta({ description: 'ISO weekdays, 1 = Monday … 7 = Sunday; empty = every day' }),
  startTime: startTime
    .nullable()
    .meta({ description: 'local start of the window; null with endTime = all day' }),
  endTime: endTime.nullable().meta({ description: 'local end (exclusive); before startTime wraps midnight' }),
  appliesOnHolidays: z.enum(PeriodHolidays).meta({
    description:
      "yes: holidays or not; no: never on a holiday; only: on holidays only (the tenant's /holidays)",
  }),
};

export interface PeriodWindow {
  startTime?: string | null;
  endTime?: string | null;
}

/** Null when the window is valid, else the field to blame and why. */
export function windowProblem(window: PeriodWindow): { field: string; reason: string } | null {
  const { startTime: start = null, endTime: end = null } = window;
  if ((start === null) !== (end === null))
    return {
      field: start === null ? 'startTime' : 'endTime',
      reason: 'give both startTime and endTime, or neither',
    };
  if (start !== null && start === end) return { field: 'endTime', reason: 'must differ from startTime' };
  return null;
}

const checkWindow = (window: PeriodWindow, context: z.RefinementCtx) => {
  const problem = windowProblem(window);
  if (problem) context.addIssue({ code: 'custom', path: [problem.field], message: problem.reason });
};

export class CreateRatePeriodDto extends createZodDto(
  z
    .strictObject({
      ...periodFields,
      position: periodFields.position.default(0),
      weekdays: periodFields.weekdays.default([]),
      startTime: periodFields.startTime.default(null),
      endTime: periodFields.endTime.default(null),
      appliesOnHolidays: periodFields.appliesOnHolidays.default(PeriodHolidays.Yes),
    })
    .superRefine(checkWindow),
) {}

export class UpdateRatePeriodDto extends createZodDto(z.strictObject(periodFields).partial()) {}

export const ratePeriodSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  rateCardId: z.uuid(),
  ...periodFields,
  weekdays: z.array(z.int()),
  startTime: nullableText(),
  endTime: nullableText(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class RatePeriodDto extends createZodDto(ratePeriodSchema, { codec: true }) {}

export class RatePeriodPageDto extends pageDto(ratePeriodSchema) {}

export class ListRatePeriodsQueryDto extends createZodDto(
  pageQuerySchema(['position', 'name', 'createdAt'] as const, 'position'),
) {}
