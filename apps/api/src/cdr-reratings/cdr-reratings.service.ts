import { Injectable } from '@nestjs/common';
import { CdrRerating } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import { type TenantResource, TenantResources } from '../tenancy/tenant-resources';
import type { ListCdrReratingsQueryDto } from './dto/cdr-rerating.dto';

const RERATINGS = {
  label: 'CDR rerating',
  entityType: 'cdr_rerating',
  endUserColumn: null,
  deletion: 'hard',
} as const;

/** Reratings of the caller's subtree (its own and its resellers'), with their progress. */
@Injectable()
export class CdrReratingsService {
  private readonly reratings: TenantResource<CdrRerating>;

  constructor(resources: TenantResources) {
    this.reratings = resources.of(CdrRerating, RERATINGS);
  }

  list(actor: Actor, query: ListCdrReratingsQueryDto) {
    return this.reratings.list(actor, query, (rows) => {
      if (query.status) rows.andWhere('row.status = :status', { status: query.status });
    });
  }

  get(actor: Actor, id: string): Promise<CdrRerating> {
    return this.reratings.get(actor, id);
  }
}
