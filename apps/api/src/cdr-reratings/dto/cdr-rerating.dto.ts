import { CdrReratingMode, CdrReratingStatus } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

/** The longest period one rerating covers: a year of CDRs is already hundreds of millions of rows. */
export const MAX_RERATING_DAYS = 400;

export class StartCdrReratingDto extends createZodDto(
  z
    .strictObject({
      from: timestamp.meta({ description: 'calls set up at or after this instant' }),
      to: timestamp.meta({ description: 'and before this one' }),
      accountId: z
        .uuid({ error: 'must be a UUID' })
        .optional()
        .meta({ description: "only this account's CDRs" }),
      rateCardId: z.uuid({ error: 'must be a UUID' }).optional().meta({
        description: 'only the CDRs priced at this card at some level (plan, reseller buy, vendor buy)',
      }),
      mode: z.enum(CdrReratingMode).default(CdrReratingMode.All).meta({
        description:
          'all: reprice every level you price with the cards as they are now; unrated: price only the levels that have no price yet',
      }),
    })
    .refine((body) => body.from.getTime() < body.to.getTime(), { path: ['to'], error: 'must be after from' })
    .refine((body) => body.to.getTime() - body.from.getTime() <= MAX_RERATING_DAYS * 86_400_000, {
      path: ['to'],
      error: `must be at most ${MAX_RERATING_DAYS} days after from`,
    })
    .refine((body) => !(body.accountId && body.rateCardId), {
      path: ['rateCardId'],
      error: 'give an account or a rate card, not both',
    }),
  { codec: true },
) {}

const reratingError = z.object({ cdrId: z.uuid(), callId: z.string(), reason: z.string() });

export const cdrReratingSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid().meta({ description: "the requester's tenant: only its subtree's CDRs are rerated" }),
  accountId: z.uuid().nullable(),
  rateCardId: z.uuid().nullable(),
  mode: z.enum(CdrReratingMode),
  fromTime: timestamp,
  toTime: timestamp,
  status: z.enum(CdrReratingStatus),
  cdrsTotal: z.int().nullable().meta({ description: 'CDRs in scope, counted when the job started' }),
  cdrsProcessed: z.int(),
  cdrsChanged: z.int().meta({ description: 'CDRs whose prices, levels or rating status changed' }),
  cdrsNowRated: z.int().meta({ description: 'unrated CDRs that became rated' }),
  entriesPosted: z.int().meta({ description: 'ledger entries posted: adjustments and first charges' }),
  percent: z.int(),
  errorCount: z.int().meta({ description: 'CDRs left with a level unpriced, or that could not be priced' }),
  errors: z.array(reratingError).meta({ description: 'the first 100 of them' }),
  failure: nullableText().meta({ description: 'why a failed rerating failed' }),
  createdAt: timestamp,
  updatedAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
});

export class CdrReratingDto extends createZodDto(cdrReratingSchema, { codec: true }) {}

export class CdrReratingPageDto extends pageDto(cdrReratingSchema) {}

export class ListCdrReratingsQueryDto extends createZodDto(
  pageQuerySchema(['createdAt'] as const, 'createdAt').extend({
    order: z.enum(['asc', 'desc']).default('desc'),
    status: z.enum(CdrReratingStatus).optional(),
  }),
) {}
