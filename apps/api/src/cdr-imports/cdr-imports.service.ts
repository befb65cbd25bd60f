import { Injectable } from '@nestjs/common';
import { CdrImport, CdrImportProblem } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import { type TenantResource, TenantResources } from '../tenancy/tenant-resources';
import type { ListCdrImportProblemsQueryDto, ListCdrImportsQueryDto } from './dto/cdr-import.dto';

const IMPORTS = {
  label: 'CDR import',
  entityType: 'cdr_import',
  endUserColumn: null,
  deletion: 'hard',
} as const;

const PROBLEMS = { ...IMPORTS, label: 'CDR import problem' } as const;

/** The CDR imports of the caller's subtree, their progress and the rows they rejected. */
@Injectable()
export class CdrImportsService {
  private readonly imports: TenantResource<CdrImport>;
  private readonly problems: TenantResource<CdrImportProblem>;

  constructor(resources: TenantResources) {
    this.imports = resources.of(CdrImport, IMPORTS);
    this.problems = resources.of(CdrImportProblem, PROBLEMS);
  }

  list(actor: Actor, query: ListCdrImportsQueryDto) {
    return this.imports.list(actor, query, (rows) => {
      if (query.status) rows.andWhere('row.status = :status', { status: query.status });
    });
  }

  get(actor: Actor, importId: string): Promise<CdrImport> {
    return this.imports.get(actor, importId);
  }

  async listProblems(actor: Actor, importId: string, query: ListCdrImportProblemsQueryDto) {
    await this.get(actor, importId);
    return this.problems.list(actor, query, (rows) =>
      rows.andWhere('row.importId = :importId', { importId }),
    );
  }
}
