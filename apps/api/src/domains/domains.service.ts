import { Injectable } from '@nestjs/common';
import { Domain } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import { registerUniqueFields } from '../http/unique-violations';
import { escapeLike } from '../tenancy/like-pattern';
import { TenantResources } from '../tenancy/tenant-resources';
import type { CreateDomainDto, ListDomainsQueryDto, UpdateDomainDto } from './dto/domain.dto';

registerUniqueFields({ domains_name_key: 'name' });

/** SIP domains: a name is unique on the whole platform, since Kamailio routes by it. */
@Injectable()
export class DomainsService {
  private readonly domains;

  constructor(resources: TenantResources) {
    this.domains = resources.of(Domain, {
      label: 'domain',
      entityType: 'domain',
      endUserColumn: null,
      deletion: 'soft',
    });
  }

  list(actor: Actor, query: ListDomainsQueryDto) {
    return this.domains.list(actor, query, (rows) => {
      if (query.search)
        rows.andWhere('row.name LIKE :search', { search: `%${escapeLike(query.search.toLowerCase())}%` });
      if (query.enabled !== undefined) rows.andWhere('row.enabled = :enabled', { enabled: query.enabled });
      if (query.tenantId) rows.andWhere('row.tenantId = :tenantId', { tenantId: query.tenantId });
    });
  }

  get(actor: Actor, id: string) {
    return this.domains.get(actor, id);
  }

  create(actor: Actor, input: CreateDomainDto) {
    return this.domains.create(actor, input);
  }

  update(actor: Actor, id: string, input: UpdateDomainDto) {
    return this.domains.update(actor, id, input);
  }

  remove(actor: Actor, id: string) {
    return this.domains.remove(actor, id);
  }
}
