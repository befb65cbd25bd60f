import { z } from 'zod';

/** The one error shape of the API. `errors` lists each bad field of a 400 (and the field of a 409). */
export const apiErrorSchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string().meta({ description: 'HTTP reason phrase, e.g. "Bad Request"' }),
    message: z.string(),
    errors: z
      .array(
        z.object({
          field: z.string().meta({ description: 'dotted path of the field, e.g. "rates.3.prefix"' }),
          reason: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'ApiError' });

export type ApiError = z.infer<typeof apiErrorSchema>;
