import { CDR_FILE_FIELDS, GENERIC_CDR_COLUMNS, type CdrFileField } from '@tollgate/cdr';
import { CdrImportFormat, CdrImportStatus } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

/** `mapping` travels as a JSON object in one query parameter: field → column header in the file. */
const mappingParameter = z
  .string()
  .max(4000)
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be a JSON object, e.g. {"callId":"Call ID"}' });
      return z.NEVER;
    }
  })
  .pipe(
    z.partialRecord(
      z.enum(CDR_FILE_FIELDS as [CdrFileField, ...CdrFileField[]], {
        error: `has an unknown field; fields are ${CDR_FILE_FIELDS.join(', ')}`,
      }),
      z.string().trim().min(1).max(100),
    ),
  )
  .optional()
  .meta({
    description: `generic format: JSON object naming columns, field → header in the file; defaults: ${JSON.stringify(GENERIC_CDR_COLUMNS)}`,
  });

export class ImportCdrsQueryDto extends createZodDto(
  z
    .strictObject({
      format: z.enum(CdrImportFormat).meta({
        description:
          'kamailio-acc: the acc layout of docs/cdrs.md; generic: any CSV, columns named by mapping',
      }),
      delimiter: z.enum([',', ';', '\t', '|']).default(',').meta({ description: 'CSV field separator' }),
      mapping: mappingParameter,
    })
    .refine((query) => query.format === CdrImportFormat.Generic || query.mapping === undefined, {
      path: ['mapping'],
      error: 'applies to the generic format only: the acc layout has fixed column names',
    }),
  { codec: true },
) {}

export const cdrImportSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  format: z.enum(CdrImportFormat),
  mapping: z.record(z.string(), z.string()),
  delimiter: z.string(),
  fileName: z.string(),
  fileSize: z.int(),
  fileSha256: z.string(),
  status: z.enum(CdrImportStatus),
  rowsRead: z.int().meta({ description: 'data rows read from the file so far' }),
  rowsSkipped: z.int().meta({ description: 'rows that are not calls (acc BYE, ACK… records)' }),
  rowsValidated: z.int().meta({ description: 'calls that passed every check so far' }),
  rowsEnqueued: z.int().meta({ description: 'calls handed to the CDR queue so far' }),
  rowsRejected: z.int().meta({ description: 'rows with at least one problem (see /problems)' }),
  percent: z.int(),
  error: nullableText(),
  createdAt: timestamp,
  updatedAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
});

export class CdrImportDto extends createZodDto(cdrImportSchema, { codec: true }) {}

export class CdrImportPageDto extends pageDto(cdrImportSchema) {}

export class ListCdrImportsQueryDto extends createZodDto(
  pageQuerySchema(['createdAt'] as const, 'createdAt').extend({
    order: z.enum(['asc', 'desc']).default('desc'),
    status: z.enum(CdrImportStatus).optional(),
  }),
) {}

export const cdrImportProblemSchema = z.object({
  id: z.string(),
  line: z.int().meta({ description: 'line of the CSV file; the header is 1' }),
  field: z.string().meta({ description: 'the field (generic), the column (acc), or "file"' }),
  reason: z.string(),
  value: nullableText(200).meta({ description: 'what the cell held' }),
});

export class CdrImportProblemPageDto extends pageDto(cdrImportProblemSchema) {}

export class ListCdrImportProblemsQueryDto extends createZodDto(pageQuerySchema(['line'] as const, 'line')) {}
