import { Injectable } from '@nestjs/common';
import { SipTransport, Vendor, VendorTrunk } from '@tollgate/db';
import { isIPv6 } from 'node:net';
import type { Actor } from '../audit/actor';
import { NotFoundError } from '../http/domain-errors';
import type { Page } from '../tenancy/pagination';
import { type TenantResource, TenantResources } from '../tenancy/tenant-resources';
import type {
  CreateVendorTrunkDto,
  ListVendorTrunksQueryDto,
  UpdateVendorTrunkDto,
} from './dto/vendor-trunk.dto';
import { VENDORS, VENDOR_TRUNKS } from './vendor-resources';

export type VendorTrunkView = VendorTrunk & { gatewayUri: string };

/** The gateways of one vendor, each with the SIP URI Kamailio dials. */
@Injectable()
export class VendorTrunksService {
  private readonly trunks: TenantResource<VendorTrunk>;
  private readonly vendors: TenantResource<Vendor>;

  constructor(resources: TenantResources) {
    this.trunks = resources.of(VendorTrunk, VENDOR_TRUNKS);
    this.vendors = resources.of(Vendor, VENDORS);
  }

  async list(
    actor: Actor,
    vendorId: string,
    query: ListVendorTrunksQueryDto,
  ): Promise<Page<VendorTrunkView>> {
    await this.vendors.get(actor, vendorId);
    const page = await this.trunks.list(actor, query, (rows) => {
      rows.andWhere('row.vendorId = :vendorId', { vendorId });
      if (query.enabled !== undefined) rows.andWhere('row.enabled = :enabled', { enabled: query.enabled });
    });
    return { ...page, data: page.data.map(withGatewayUri) };
  }

  async get(actor: Actor, vendorId: string, trunkId: string): Promise<VendorTrunkView> {
    await this.vendors.get(actor, vendorId);
    const trunk = await this.trunks.get(actor, trunkId);
    if (trunk.vendorId !== vendorId) throw new NotFoundError('vendor trunk');
    return withGatewayUri(trunk);
  }

  async create(actor: Actor, vendorId: string, input: CreateVendorTrunkDto): Promise<VendorTrunkView> {
    const vendor = await this.vendors.get(actor, vendorId);
    return withGatewayUri(await this.trunks.create(actor, { ...input, vendorId, tenantId: vendor.tenantId }));
  }

  async update(
    actor: Actor,
    vendorId: string,
    trunkId: string,
    input: UpdateVendorTrunkDto,
  ): Promise<VendorTrunkView> {
    await this.vendors.get(actor, vendorId);
    const trunk = await this.trunks.update(actor, trunkId, input, async (_manager, current) => {
      if (current.vendorId !== vendorId) throw new NotFoundError('vendor trunk');
    });
    return withGatewayUri(trunk);
  }

  async remove(actor: Actor, vendorId: string, trunkId: string): Promise<void> {
    await this.vendors.get(actor, vendorId);
    await this.trunks.remove(actor, trunkId, async (_manager, current) => {
      if (current.vendorId !== vendorId) throw new NotFoundError('vendor trunk');
    });
  }
}

/** `sip:host:port;transport=…`, with an IPv6 address in brackets as RFC 3261 writes it. */
export function gatewayUri(trunk: Pick<VendorTrunk, 'host' | 'port' | 'transport'>): string {
  const host = isIPv6(trunk.host) ? `[${trunk.host}]` : trunk.host;
  return `sip:${host}:${trunk.port};transport=${trunk.transport satisfies SipTransport}`;
}

function withGatewayUri(trunk: VendorTrunk): VendorTrunkView {
  return { ...trunk, gatewayUri: gatewayUri(trunk) };
}
