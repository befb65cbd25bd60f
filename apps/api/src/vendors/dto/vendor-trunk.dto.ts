import { isIP } from 'node:net';
import { SipTransport } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** An IP address, or a host name whose last label is not all digits (999.1.1.1 is no host). */
export function isGatewayHost(host: string): boolean {
  if (isIP(host) !== 0) return true;
  return HOST_NAME.test(host) && !/(^|\.)\d+$/.test(host);
}

const trunkFields = {
  name: z.string().trim().min(1).max(200),
  host: z.string().trim().toLowerCase().max(253).refine(isGatewayHost, {
    error: 'must be a host name or an IP address, e.g. gw1.carrier.example or 192.0.2.10',
  }),
  port: z.int().min(1).max(65535),
  transport: z.enum(SipTransport),
  stripDigits: z
    .int()
    .min(0)
    .max(15)
    .meta({ description: 'leading digits removed before addPrefix is put in front' }),
  addPrefix: z.string().regex(/^\d{0,15}$/, { error: 'must be up to 15 digits' }),
  maxChannels: z
    .int()
    .min(0)
    .max(1_000_000)
    .nullable()
    .meta({ description: 'concurrent calls; null = unlimited' }),
  timeoutSeconds: z
    .int()
    .min(1)
    .max(300)
    .meta({ description: 'wait before failing over to the next carrier' }),
  enabled: z.boolean(),
};

export class CreateVendorTrunkDto extends createZodDto(
  z.strictObject({
    ...trunkFields,
    port: trunkFields.port.default(5060),
    transport: trunkFields.transport.default(SipTransport.Udp),
    stripDigits: trunkFields.stripDigits.default(0),
    addPrefix: trunkFields.addPrefix.default(''),
    maxChannels: trunkFields.maxChannels.default(null),
    timeoutSeconds: trunkFields.timeoutSeconds.default(30),
    enabled: trunkFields.enabled.default(true),
  }),
) {}

export class UpdateVendorTrunkDto extends createZodDto(z.strictObject(trunkFields).partial()) {}

export const vendorTrunkSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  vendorId: z.uuid(),
  ...trunkFields,
  host: z.string(),
  gatewayUri: z.string().meta({
    description: 'the SIP URI Kamailio relays to',
    example: 'sip:gw1.carrier.example:5060;transport=udp',
  }),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class VendorTrunkDto extends createZodDto(vendorTrunkSchema, { codec: true }) {}

export class VendorTrunkPageDto extends pageDto(vendorTrunkSchema) {}

export class ListVendorTrunksQueryDto extends createZodDto(
  pageQuerySchema(['name', 'createdAt'] as const, 'name').extend({ enabled: z.stringbool().optional() }),
) {}
