import { Injectable } from '@nestjs/common';
import { BannedIp } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import { registerUniqueFields } from '../http/unique-violations';
import { TenantResources } from '../tenancy/tenant-resources';
import type { CreateBannedIpDto, ListBannedIpsQueryDto, UpdateBannedIpDto } from './dto/banned-ip.dto';

registerUniqueFields({ banned_ips_tenant_id_cidr_key: 'cidr' });

/** Networks whose SIP traffic is refused; a network is banned once per tenant. Lifting one deletes it. */
@Injectable()
export class BannedIpsService {
  private readonly bans;

  constructor(resources: TenantResources) {
    this.bans = resources.of(BannedIp, {
      label: 'banned IP',
      entityType: 'banned-ip',
      endUserColumn: null,
      deletion: 'hard',
    });
  }

  list(actor: Actor, query: ListBannedIpsQueryDto) {
    return this.bans.list(actor, query, (rows) => {
      if (query.activeAt)
        rows.andWhere('(row.expiresAt IS NULL OR row.expiresAt > :activeAt)', { activeAt: query.activeAt });
      if (query.contains) rows.andWhere('row.cidr >>= CAST(:contains AS inet)', { contains: query.contains });
      if (query.tenantId) rows.andWhere('row.tenantId = :tenantId', { tenantId: query.tenantId });
    });
  }

  get(actor: Actor, id: string) {
    return this.bans.get(actor, id);
  }

  create(actor: Actor, input: CreateBannedIpDto) {
    return this.bans.create(actor, {
      ...input,
      createdByUserId: actor.principal.kind === 'user' ? actor.principal.id : null,
    });
  }

  update(actor: Actor, id: string, input: UpdateBannedIpDto) {
    return this.bans.update(actor, id, input);
  }

  remove(actor: Actor, id: string) {
    return this.bans.remove(actor, id);
  }
}
