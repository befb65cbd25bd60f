import { Injectable } from '@nestjs/common';
import { Domain, Line } from '@tollgate/db';
import type { EntityManager } from 'typeorm';
import { ConflictError } from '../http/domain-errors';
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
    return this.domains.update(actor, id, input, async (manager, current) => {
      if (input.name !== undefined && input.name !== current.name) {
        await assertNoLines(
          manager,
          id,
          'the name is the digest realm of its lines: move or delete them first',
          'name',
        );
      }
    });
  }

  remove(actor: Actor, id: string) {
    return this.domains.remove(actor, id, (manager) =>
      assertNoLines(manager, id, 'the domain still has lines: delete them first'),
    );
  }
}

// A line's SIP credentials are digests over its domain name (the realm): renaming or deleting the
// domain under live lines would lock every one of them out.
async function assertNoLines(manager: EntityManager, domainId: string, message: string, field?: string) {
  const lines = await manager.getRepository(Line).countBy({ domainId });
  if (lines > 0) throw new ConflictError(message, field);
}
