import { RateDeckFormat, RateDeckImportMode, RateDeckImportStatus } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';
import { RATE_DECK_COLUMNS, RATE_DECK_FIELDS, type RateDeckField } from '../rate-deck-columns';

/** `mapping` travels as a JSON object in one query parameter: field → column header in the file. */
const mappingParameter = z
  .string()
  .max(4000)
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be a JSON object, e.g. {"pricePerMinute":"Rate"}' });
      return z.NEVER;
    }
  })
  .pipe(
    z.partialRecord(
      z.enum(RATE_DECK_FIELDS as [RateDeckField, ...RateDeckField[]], {
        error: `has an unknown field; fields are ${RATE_DECK_FIELDS.join(', ')}`,
      }),
      z.string().trim().min(1).max(100),
    ),
  )
  .optional()
  .meta({
    description: `JSON object renaming columns, field → header in the file; defaults: ${JSON.stringify(RATE_DECK_COLUMNS)}`,
  });

const delimiter = z.enum([',', ';', '\t', '|']).default(',').meta({ description: 'CSV field separator' });

export class ImportRateDeckQueryDto extends createZodDto(
  z
    .strictObject({
      mode: z.enum(RateDeckImportMode).default(RateDeckImportMode.Replace).meta({
        description:
          'replace: from effectiveFrom on, the card is the file; merge: the file’s prefixes change at effectiveFrom, the others stay',
      }),
      effectiveFrom: timestamp.optional().meta({
        description:
          'where the file’s rows start and the rates they replace end; default (replace only): when the import is requested',
      }),
      format: z
        .enum(RateDeckFormat)
        .optional()
        .meta({ description: 'default: from the file name (.csv, .xlsx)' }),
      delimiter,
      mapping: mappingParameter,
    })
    .refine((query) => query.mode !== RateDeckImportMode.Merge || query.effectiveFrom !== undefined, {
      path: ['effectiveFrom'],
      error: 'is required to merge: the date the file’s rates take effect',
    }),
  { codec: true },
) {}

export class ExportRateDeckQueryDto extends createZodDto(
  z.strictObject({
    format: z.enum(RateDeckFormat).default(RateDeckFormat.Csv),
    delimiter,
    mapping: mappingParameter,
    activeAt: timestamp
      .optional()
      .meta({ description: 'only the rates in force at this instant; default: all' }),
  }),
  { codec: true },
) {}

const counts = z.object({
  created: z.int(),
  updated: z.int(),
  ended: z.int().meta({ description: 'rates in force at effectiveFrom that now end there' }),
  deleted: z
    .int()
    .meta({ description: 'rates that were to start at or after effectiveFrom, not in the file' }),
  unchanged: z.int(),
});

export const rateDeckImportSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  rateCardId: z.uuid(),
  format: z.enum(RateDeckFormat),
  mode: z.enum(RateDeckImportMode),
  effectiveFrom: timestamp,
  mapping: z.record(z.string(), z.string()),
  delimiter: z.string(),
  fileName: z.string(),
  fileSize: z.int(),
  fileSha256: z.string(),
  status: z.enum(RateDeckImportStatus),
  rowsRead: z.int().meta({ description: 'data rows read from the file so far' }),
  rowsValidated: z.int().meta({ description: 'rows that passed every check so far' }),
  rowsWritten: z.int().meta({ description: 'rates created or updated so far' }),
  rowsRejected: z.int().meta({ description: 'rows with at least one problem (see /problems)' }),
  percent: z.int(),
  outcome: counts.nullable().meta({ description: 'what the import did, once completed' }),
  error: nullableText(),
  createdAt: timestamp,
  updatedAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
});

export class RateDeckImportDto extends createZodDto(rateDeckImportSchema, { codec: true }) {}

export class RateDeckImportPageDto extends pageDto(rateDeckImportSchema) {}

export class ListRateDeckImportsQueryDto extends createZodDto(
  pageQuerySchema(['createdAt'] as const, 'createdAt').extend({
    order: z.enum(['asc', 'desc']).default('desc'),
    status: z.enum(RateDeckImportStatus).optional(),
  }),
) {}

export const rateDeckProblemSchema = z.object({
  id: z.string(),
  line: z.int().meta({ description: 'line of the CSV file or row of the XLSX sheet; the header is 1' }),
  field: z.string().meta({ description: 'the rate field (prefix, pricePerMinute…) or "file"' }),
  reason: z.string(),
  value: nullableText(200).meta({ description: 'what the cell held' }),
});

export class RateDeckProblemPageDto extends pageDto(rateDeckProblemSchema) {}

export class ListRateDeckProblemsQueryDto extends createZodDto(pageQuerySchema(['line'] as const, 'line')) {}
