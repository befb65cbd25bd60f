import { CALL_DIRECTIONS, CDR_DISPOSITIONS, CDR_SOURCES } from '@tollgate/cdr';
import { CdrRatingStatus } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

/** Amounts of a CDR as exact decimal strings (prices keep the rate card's rounding, up to 8 decimals). */
const amount = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .nullable()
  .meta({ example: '0.0508' });

const cdrFields = {
  id: z.uuid(),
  callId: z.string(),
  leg: z.string(),
  source: z.enum(CDR_SOURCES),
  tenantId: z.uuid().meta({ description: "the account's tenant" }),
  accountId: z.uuid(),
  lineId: z.uuid().nullable(),
  trunkServiceId: z.uuid().nullable(),
  didId: z.uuid().nullable(),
  direction: z.enum(CALL_DIRECTIONS),
  caller: nullableText(128),
  destination: z.string().meta({ description: 'E.164 digits' }),
  dialled: nullableText(128),
  startedAt: timestamp.meta({ description: 'set-up (authorize)' }),
  answeredAt: timestamp.nullable(),
  endedAt: timestamp,
  durationSeconds: z.int(),
  billedSeconds: z.int().nullable().meta({ description: "the customer's billed seconds" }),
  disposition: z.enum(CDR_DISPOSITIONS),
  sipCode: z.int().nullable(),
  endCause: nullableText(256),
  currency: z.string(),
  price: amount.meta({ description: "the customer's price; null while unrated" }),
  liveCharged: amount.meta({ description: 'what the credit pool took during the call' }),
  ratingStatus: z.enum(CdrRatingStatus),
  unratedReason: nullableText(2_000).meta({ description: 'why a level you may see could not be rated' }),
  vendorId: z.uuid().nullable().meta({ description: 'only for callers who may see the vendor' }),
  vendorTrunkId: z.uuid().nullable(),
  createdAt: timestamp,
};

export const cdrSchema = z.object(cdrFields);

export const cdrLevelSchema = z.object({
  kind: z.enum(['customer', 'reseller', 'vendor']),
  partyId: z.uuid().meta({ description: 'the account, the reseller tenant, or the vendor' }),
  price: amount.meta({ description: "this level's price of the call; null when it has no rate" }),
  currency: nullableText(3),
  billedSeconds: z.int().nullable(),
  margin: amount.meta({
    description:
      'what the party buying at this level earns: the level below minus this price (null for the customer)',
  }),
  rate: z
    .object({
      prefix: z.string(),
      destination: nullableText(500),
      pricePerMinute: z.string(),
      connectFee: z.string(),
      minCharge: z.string(),
      firstInterval: z.int(),
      nextInterval: z.int(),
      freeSeconds: z.int(),
      noChargeBelow: z.int(),
      period: nullableText(200),
    })
    .nullable()
    .meta({ description: 'the rate snapshot the level was priced at' }),
  problem: nullableText(2_000),
});

export const cdrDetailSchema = cdrSchema.extend({
  levels: z.array(cdrLevelSchema).meta({
    description:
      'the cost at every level you may see, customer first: a reseller sees its own buy price and margin (never its parent’s), the operator every level down to the vendor, an end user its price only',
  }),
});

export class CdrDto extends createZodDto(cdrSchema, { codec: true }) {}
export class CdrDetailDto extends createZodDto(cdrDetailSchema, { codec: true }) {}
export class CdrPageDto extends pageDto(cdrSchema) {}

const filterFields = {
  from: timestamp.optional().meta({ description: 'calls set up at or after this moment' }),
  to: timestamp.optional().meta({ description: 'calls set up before this moment' }),
  accountId: z.uuid().optional(),
  lineId: z.uuid().optional(),
  number: z
    .string()
    .regex(/^\+?\d{1,32}$/, { error: 'must be digits, e.g. 4420 or +442071234567' })
    .optional()
    .meta({ description: 'destination starting with these digits, or exactly this caller' }),
  vendorId: z.uuid().optional().meta({ description: 'a vendor you may see' }),
  disposition: z.enum(CDR_DISPOSITIONS).optional(),
  direction: z.enum(CALL_DIRECTIONS).optional(),
  ratingStatus: z.enum(CdrRatingStatus).optional(),
};

const toAfterFrom = (query: { from?: Date | undefined; to?: Date | undefined }) =>
  !query.from || !query.to || query.from < query.to;
const toAfterFromError = { path: ['to'], error: 'must be after from' };

export class ListCdrsQueryDto extends createZodDto(
  pageQuerySchema(['startedAt'] as const, 'startedAt')
    .extend({ order: z.enum(['asc', 'desc']).default('desc'), ...filterFields })
    .refine(toAfterFrom, toAfterFromError),
  { codec: true },
) {}

export class ExportCdrsQueryDto extends createZodDto(
  z.object(filterFields).refine(toAfterFrom, toAfterFromError),
  {
    codec: true,
  },
) {}

export type CdrFilter = z.infer<z.ZodObject<typeof filterFields>>;

export const deadLetterSchema = z.object({
  jobId: z.string(),
  callId: nullableText(512),
  accountId: z.uuid().nullable(),
  reason: z.string(),
  attempts: z.int(),
  failedAt: timestamp.nullable(),
});

export class DeadLetterListDto extends createZodDto(z.object({ data: z.array(deadLetterSchema) }), {
  codec: true,
}) {}

export class IngestResultDto extends createZodDto(
  z.object({
    accepted: z.int().meta({ description: 'CDRs queued (replays included: they change nothing)' }),
  }),
) {}
