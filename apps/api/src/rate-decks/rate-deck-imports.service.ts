import { Injectable } from '@nestjs/common';
import { RateCard, RateDeckImport, RateDeckImportProblem } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import { NotFoundError } from '../http/domain-errors';
import { RATE_CARDS } from '../rate-cards/rate-card-resources';
import { type TenantResource, TenantResources } from '../tenancy/tenant-resources';
import type { ListRateDeckImportsQueryDto, ListRateDeckProblemsQueryDto } from './dto/rate-deck.dto';

const IMPORTS = {
  label: 'rate deck import',
  entityType: 'rate_deck_import',
  endUserColumn: null,
  deletion: 'hard',
} as const;

const PROBLEMS = { ...IMPORTS, label: 'rate deck import problem' } as const;

/** The imports of a card, their progress and the rows they rejected. */
@Injectable()
export class RateDeckImportsService {
  private readonly cards: TenantResource<RateCard>;
  private readonly imports: TenantResource<RateDeckImport>;
  private readonly problems: TenantResource<RateDeckImportProblem>;

  constructor(resources: TenantResources) {
    this.cards = resources.of(RateCard, RATE_CARDS);
    this.imports = resources.of(RateDeckImport, IMPORTS);
    this.problems = resources.of(RateDeckImportProblem, PROBLEMS);
  }

  async list(actor: Actor, rateCardId: string, query: ListRateDeckImportsQueryDto) {
    await this.cards.get(actor, rateCardId);
    return this.imports.list(actor, query, (rows) => {
      rows.andWhere('row.rateCardId = :rateCardId', { rateCardId });
      if (query.status) rows.andWhere('row.status = :status', { status: query.status });
    });
  }

  async get(actor: Actor, rateCardId: string, importId: string): Promise<RateDeckImport> {
    await this.cards.get(actor, rateCardId);
    const found = await this.imports.get(actor, importId);
    if (found.rateCardId !== rateCardId) throw new NotFoundError(IMPORTS.label);
    return found;
  }

  async listProblems(
    actor: Actor,
    rateCardId: string,
    importId: string,
    query: ListRateDeckProblemsQueryDto,
  ) {
    await this.get(actor, rateCardId, importId);
    return this.problems.list(actor, query, (rows) =>
      rows.andWhere('row.importId = :importId', { importId }),
    );
  }
}
