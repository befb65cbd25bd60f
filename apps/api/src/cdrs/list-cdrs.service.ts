import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Cdr } from '@tollgate/db';
import { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import type { Page } from '../tenancy/pagination';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { applyCdrFilter, assertVendorVisible } from './cdr-filter';
import { toCdrView, viewerOf, type CdrView } from './cdr-view';
import type { ListCdrsQueryDto } from './dto/cdr.dto';

/** CDR search, newest first by default, keyset-paginated, within the caller's tenant. */
@Injectable()
export class ListCdrsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, query: ListCdrsQueryDto): Promise<Page<CdrView>> {
    if (query.vendorId) await assertVendorVisible(this.dataSource, actor.scope, query.vendorId);
    const page = await cdrsInScope(this.dataSource, actor).list(query, (rows) => applyCdrFilter(rows, query));
    const viewer = viewerOf(actor.scope);
    return { ...page, data: page.data.map((cdr) => toCdrView(cdr, viewer).view) };
  }
}

/** CDRs the caller may see: its tenant's subtree, or an end user's own account. */
export function cdrsInScope(dataSource: DataSource, actor: Actor): ScopedRepository<Cdr> {
  return new ScopedRepository(dataSource.manager, Cdr, actor.scope, {
    label: 'CDR',
    endUserColumn: 'accountId',
  });
}
