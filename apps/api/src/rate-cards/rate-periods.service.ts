import { Injectable } from '@nestjs/common';
import { Rate, RateCard, RatePeriod } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import { BadRequestError, ConflictError, NotFoundError } from '../http/domain-errors';
import { registerUniqueFields } from '../http/unique-violations';
import type { Page } from '../tenancy/pagination';
import { type TenantResource, TenantResources } from '../tenancy/tenant-resources';
import {
  type CreateRatePeriodDto,
  type ListRatePeriodsQueryDto,
  type UpdateRatePeriodDto,
  windowProblem,
} from './dto/rate-period.dto';
import { RATE_CARDS, RATES, RATE_PERIODS } from './rate-card-resources';

registerUniqueFields({ rate_periods_rate_card_id_name_key: 'name' });

/** Time-of-day / day-of-week periods of one card ("peak", "weekend"); rates may name one. */
@Injectable()
export class RatePeriodsService {
  private readonly periods: TenantResource<RatePeriod>;
  private readonly cards: TenantResource<RateCard>;
  private readonly rates: TenantResource<Rate>;

  constructor(resources: TenantResources) {
    this.periods = resources.of(RatePeriod, RATE_PERIODS);
    this.cards = resources.of(RateCard, RATE_CARDS);
    this.rates = resources.of(Rate, RATES);
  }

  async list(actor: Actor, rateCardId: string, query: ListRatePeriodsQueryDto): Promise<Page<RatePeriod>> {
    await this.cards.get(actor, rateCardId);
    const page = await this.periods.list(actor, query, (rows) =>
      rows.andWhere('row.rateCardId = :rateCardId', { rateCardId }),
    );
    return { ...page, data: page.data.map(withShortTimes) };
  }

  async get(actor: Actor, rateCardId: string, periodId: string): Promise<RatePeriod> {
    await this.cards.get(actor, rateCardId);
    const period = await this.periods.get(actor, periodId);
    if (period.rateCardId !== rateCardId) throw new NotFoundError('rate period');
    return withShortTimes(period);
  }

  async create(actor: Actor, rateCardId: string, input: CreateRatePeriodDto): Promise<RatePeriod> {
    const card = await this.cards.get(actor, rateCardId);
    return withShortTimes(
      await this.periods.create(actor, { ...input, rateCardId, tenantId: card.tenantId }),
    );
  }

  async update(
    actor: Actor,
    rateCardId: string,
    periodId: string,
    patch: UpdateRatePeriodDto,
  ): Promise<RatePeriod> {
    await this.cards.get(actor, rateCardId);
    const period = await this.periods.update(actor, periodId, patch, async (_manager, current) => {
      if (current.rateCardId !== rateCardId) throw new NotFoundError('rate period');
      const problem = windowProblem({ ...current, ...patch });
      if (problem) throw new BadRequestError(problem.reason, problem.field);
    });
    return withShortTimes(period);
  }

  async remove(actor: Actor, rateCardId: string, periodId: string): Promise<void> {
    await this.cards.get(actor, rateCardId);
    await this.periods.remove(actor, periodId, async (manager, current) => {
      if (current.rateCardId !== rateCardId) throw new NotFoundError('rate period');
      const used = await this.rates
        .repository(actor, manager)
        .query()
        .andWhere('row.periodId = :periodId', { periodId })
        .getCount();
      if (used > 0)
        throw new ConflictError(`${used} rate(s) of the card use this period: change or delete them first`);
    });
  }
}

/** PostgreSQL answers `time` as HH:MM:SS; the API speaks HH:MM. */
function withShortTimes(period: RatePeriod): RatePeriod {
  return {
    ...period,
    startTime: period.startTime?.slice(0, 5) ?? null,
    endTime: period.endTime?.slice(0, 5) ?? null,
  };
}
