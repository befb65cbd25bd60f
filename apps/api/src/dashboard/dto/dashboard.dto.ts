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
  at: timestamp,
});

export class SystemStatusDto extends createZodDto(systemStatusSchema, { codec: true }) {}
