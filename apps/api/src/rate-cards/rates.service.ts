import { Injectable } from '@nestjs/common';
import { Rate, RateCard, RATES_KEY } from '@tollgate/db';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { BadRequestError, ConflictError, NotFoundError } from '../http/domain-errors';
import { registerUniqueFields } from '../http/unique-violations';
import { escapeLike } from '../tenancy/like-pattern';
import { type TenantResource, TenantResources } from '../tenancy/tenant-resources';
import type { CreateRateDto, ListRatesQueryDto, RateInput, UpdateRateDto } from './dto/rate.dto';
import { RateRowChecks, type RateRow } from './rate-row-checks';
import { RATE_CARDS, RATES } from './rate-card-resources';

registerUniqueFields({ [RATES_KEY]: 'prefix' });

/** The rates of one card. Rates are versioned by effective dates and deleted for good (no soft delete). */
@Injectable()
export class RatesService {
  private readonly rates: TenantResource<Rate>;
  private readonly cards: TenantResource<RateCard>;

  constructor(
    resources: TenantResources,
    private readonly checks: RateRowChecks,
  ) {
    this.rates = resources.of(Rate, RATES);
    this.cards = resources.of(RateCard, RATE_CARDS);
  }

  async list(actor: Actor, rateCardId: string, query: ListRatesQueryDto) {
    await this.cards.get(actor, rateCardId);
    return this.rates.list(actor, query, (rows) => {
      rows.andWhere('row.rateCardId = :rateCardId', { rateCardId });
      if (query.prefix !== undefined) rows.andWhere('row.prefix = :prefix', { prefix: query.prefix });
      if (query.prefixStartsWith)
        rows.andWhere('row.prefix LIKE :prefixStart', {
          prefixStart: `${escapeLike(query.prefixStartsWith)}%`,
        });
      if (query.destination)
        rows.andWhere('row.destination ILIKE :destination', {
          destination: `%${escapeLike(query.destination)}%`,
        });
      if (query.periodId) rows.andWhere('row.periodId = :periodId', { periodId: query.periodId });
      if (query.activeAt)
        rows.andWhere(
          'row.effectiveFrom <= :activeAt AND (row.effectiveTo IS NULL OR row.effectiveTo > :activeAt)',
          {
            activeAt: query.activeAt,
          },
        );
    });
  }

  async get(actor: Actor, rateCardId: string, rateId: string) {
    await this.cards.get(actor, rateCardId);
    const rate = await this.rates.get(actor, rateId);
    if (rate.rateCardId !== rateCardId) throw new NotFoundError('rate');
    return rate;
  }

  async create(actor: Actor, rateCardId: string, input: CreateRateDto) {
    const card = await this.cards.get(actor, rateCardId);
    const row = withEffectiveFrom(input, new Date());
    return this.rates.create(actor, { ...row, rateCardId, tenantId: card.tenantId }, (manager) =>
      this.assertAcceptable(actor, manager, rateCardId, row),
    );
  }

  async update(actor: Actor, rateCardId: string, rateId: string, patch: UpdateRateDto) {
    await this.cards.get(actor, rateCardId);
    return this.rates.update(actor, rateId, patch, async (manager, current) => {
      if (current.rateCardId !== rateCardId) throw new NotFoundError('rate');
      await this.assertAcceptable(actor, manager, rateCardId, { ...current, ...patch }, rateId);
    });
  }

  async remove(actor: Actor, rateCardId: string, rateId: string) {
    await this.cards.get(actor, rateCardId);
    await this.rates.remove(actor, rateId, async (_manager, current) => {
      if (current.rateCardId !== rateCardId) throw new NotFoundError('rate');
    });
  }

  private async assertAcceptable(
    actor: Actor,
    manager: EntityManager,
    rateCardId: string,
    row: RateRow,
    ignoreRateId?: string,
  ): Promise<void> {
    const [problem] = await this.checks.problems(actor, manager, rateCardId, [row], ignoreRateId);
    if (!problem) return;
    if (problem.kind === 'duplicate') throw new ConflictError(problem.reason, problem.field);
    throw new BadRequestError(problem.reason, problem.field);
  }
}

/** Fills the default start of a new rate: the instant of the request, the same for every row of it. */
export function withEffectiveFrom(input: RateInput, now: Date): RateInput & RateRow {
  return { ...input, effectiveFrom: input.effectiveFrom ?? now };
}
