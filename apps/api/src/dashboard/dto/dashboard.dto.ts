import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText, timestamp } from '../../http/field-schemas';

const count = z.number().int().min(0);
const countWithActive = z.object({ total: count, active: count });

export const dashboardFiguresSchema = z.object({
  domains: count,
  servicePlans: countWithActive.meta({ description: 'active: plans that can be chosen for new accounts' }),
  administrators: count.meta({ description: "admin users of the caller's own tenant (not its resellers')" }),
  bannedIps: count.meta({ description: 'bans in force: without an end, or ending in the future' }),
  subscribers: count.meta({ description: 'subscriber accounts, closed ones included' }),
  lines: count,
  dids: z.object({ total: count, assigned: count }),
  vendors: count,
  rateCards: countWithActive.meta({
    description:
      'active: in use, as the sell card of an active service plan or a buy card of a vendor or a reseller',
  }),
  calls: z.object({ total: count, outbound: count, inbound: count }).meta({
    description:
      'calls up or ringing now, from the live credit pools; total includes calls of unknown direction',
  }),
  at: timestamp.meta({ description: 'when the figures were read' }),
});

export class DashboardFiguresDto extends createZodDto(dashboardFiguresSchema, { codec: true }) {}

const componentStatus = z.enum(['up', 'down', 'unknown']);

export const systemStatusSchema = z.object({
  postgres: z.object({
    status: componentStatus,
    latencyMs: z.number().int().nullable(),
    error: nullableText(500),
  }),
  redis: z.object({
    status: componentStatus,
    latencyMs: z.number().int().nullable(),
    error: nullableText(500),
  }),
  kamailio: z.object({
    status: componentStatus.meta({ description: 'unknown when the API has no KAMAILIO_RPC_URL' }),
    latencyMs: z.number().int().nullable(),
    version: nullableText(200).meta({ description: 'what core.version answered' }),
    error: nullableText(500),
  }),
  workers: z
    .array(
      z.object({
        kind: z.enum(['call-control', 'cdr-worker']),
        instance: z.string(),
        lastHeartbeatAt: timestamp,
        secondsSinceHeartbeat: z.number().int(),
        status: z.enum(['up', 'late']).meta({ description: 'late: no heartbeat for more than 15 seconds' }),
      }),
    )
    .meta({ description: 'every worker instance with a heartbeat in Redis; none listed = none running' }),
  queues: z
    .array(
      z.object({
        name: z.string(),
        waiting: count,
        active: count,
        delayed: count.meta({ description: 'waiting for their retry (backoff) or their time' }),
        failed: count.meta({ description: 'failed for good: the dead letters' }),
        oldestWaitingSeconds: z
          .number()
          .int()
          .nullable()
          .meta({ description: 'how long the oldest waiting job has waited; null when none waits' }),
      }),
    )
    .meta({ description: 'every BullMQ queue of the platform; empty when Redis does not answer in time' }),
  at: timestamp,
});

export class SystemStatusDto extends createZodDto(systemStatusSchema, { codec: true }) {}

export const SERIES_GROUPINGS = ['none', 'account', 'reseller', 'vendor', 'destination'] as const;
export type SeriesGrouping = (typeof SERIES_GROUPINGS)[number];

export const dashboardSeriesQuerySchema = z
  .object({
    from: timestamp.optional().meta({
      description:
        'first bucket: the hour or UTC day holding this moment (default: 30 days or 48 hours before to)',
    }),
    to: timestamp
      .optional()
      .meta({ description: 'end (exclusive), rounded up to a whole bucket (default: now)' }),
    granularity: z.enum(['hour', 'day']).default('day'),
    tenantId: z.uuid().optional().meta({
      description:
        "whose figures: the caller's tenant (default) or a reseller below it, each seen at its own level",
    }),
    accountId: z.uuid().optional().meta({ description: "only this account's calls" }),
    by: z.enum(SERIES_GROUPINGS).default('none').meta({
      description:
        'one series per account, reseller (the child reseller the calls came through; null: your own accounts), vendor (the operator only) or destination (the rate matched), per currency',
    }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(50)
      .default(10)
      .meta({ description: 'groups kept when `by` is set: those with the most calls' }),
  })
  .refine((query) => !query.from || !query.to || query.from < query.to, {
    path: ['to'],
    error: 'must be after from',
  });

export class DashboardSeriesQueryDto extends createZodDto(dashboardSeriesQuerySchema, { codec: true }) {}

const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/);

export const dashboardSeriesSchema = z.object({
  granularity: z.enum(['hour', 'day']),
  tenantId: z.uuid().meta({ description: 'whose figures these are' }),
  by: z.enum(SERIES_GROUPINGS),
  buckets: z.array(timestamp).meta({
    description: 'start of every bucket from `from` to `to` (UTC); every series has one value per bucket',
  }),
  series: z.array(
    z.object({
      currency: z.string().meta({ description: 'the currency of the sales; a series never mixes two' }),
      group: z
        .object({ id: z.string().nullable(), name: z.string().nullable() })
        .nullable()
        .meta({ description: 'null when `by` is none' }),
      calls: z.array(count),
      answeredCalls: z.array(count),
      incompleteCalls: z.array(count).meta({
        description: 'calls missing their sale or cost price (unrated, or a cost in another currency)',
      }),
      minutes: z.array(decimalText).meta({ description: 'billed minutes, rounded half up to 2 decimals' }),
      revenue: z.array(decimalText).meta({
        description:
          'what the tenant sold the calls at: its customers’ price, or its child resellers’ buy price',
      }),
      cost: z.array(decimalText).meta({
        description: "what the tenant paid: a reseller its buy price, the operator its vendors' cost",
      }),
      margin: z.array(decimalText).meta({ description: 'revenue − cost of the calls that have both' }),
    }),
  ),
});

export class DashboardSeriesDto extends createZodDto(dashboardSeriesSchema, { codec: true }) {}
