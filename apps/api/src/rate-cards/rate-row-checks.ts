import { Injectable } from '@nestjs/common';
import { Rate, RatePeriod } from '@tollgate/db';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { type TenantResource, TenantResources } from '../tenancy/tenant-resources';
import { RATES, RATE_PERIODS } from './rate-card-resources';

/** The identity of a rate on its card: one price per prefix, period and start. */
export interface RateKey {
  prefix: string;
  periodId: string | null;
  effectiveFrom: Date;
}

export interface RateRow extends RateKey {
  effectiveTo: Date | null;
}

export interface RateRowProblem {
  /** Position of the row in the request. */
  index: number;
  field: keyof RateRow;
  reason: string;
  /** Duplicates are conflicts (409 for one rate); everything else is invalid input. */
  kind: 'invalid' | 'duplicate';
}

/** The checks a rate needs beyond its own fields: its period, its window and its uniqueness on the card. */
@Injectable()
export class RateRowChecks {
  private readonly rates: TenantResource<Rate>;
  private readonly periods: TenantResource<RatePeriod>;

  constructor(resources: TenantResources) {
    this.rates = resources.of(Rate, RATES);
    this.periods = resources.of(RatePeriod, RATE_PERIODS);
  }

  /** Every problem of every row, in row order; `ignoreRateId` is the rate being updated. */
  async problems(
    actor: Actor,
    manager: EntityManager,
    rateCardId: string,
    rows: readonly RateRow[],
    ignoreRateId?: string,
  ): Promise<RateRowProblem[]> {
    const periodIds = await this.periodIdsOf(actor, manager, rateCardId, rows);
    const existing = await this.existingKeys(actor, manager, rateCardId, rows, ignoreRateId);
    const firstRowOf = new Map<string, number>();
    const problems: RateRowProblem[] = [];
    rows.forEach((row, index) => {
      const problem = (field: keyof RateRow, reason: string, kind: RateRowProblem['kind'] = 'invalid') =>
        problems.push({ index, field, reason, kind });
      if (row.periodId !== null && !periodIds.has(row.periodId))
        problem('periodId', 'must be a period of this rate card');
      if (row.effectiveTo !== null && row.effectiveTo <= row.effectiveFrom)
        problem('effectiveTo', 'must be after effectiveFrom');
      const key = keyOf(row);
      const first = firstRowOf.get(key);
      if (first !== undefined)
        problem('prefix', `duplicate of rates.${first}: same prefix, period and effectiveFrom`, 'duplicate');
      else if (existing.has(key))
        problem(
          'prefix',
          'the card already has a rate with this prefix, period and effectiveFrom',
          'duplicate',
        );
      else firstRowOf.set(key, index);
    });
    return problems;
  }

  private async periodIdsOf(
    actor: Actor,
    manager: EntityManager,
    rateCardId: string,
    rows: readonly RateRow[],
  ): Promise<Set<string>> {
    if (!rows.some((row) => row.periodId !== null)) return new Set();
    const periods = await this.periods
      .repository(actor, manager)
      .query()
      .select('row.id')
      .andWhere('row.rateCardId = :rateCardId', { rateCardId })
      .getMany();
    return new Set(periods.map((period) => period.id));
  }

  private async existingKeys(
    actor: Actor,
    manager: EntityManager,
    rateCardId: string,
    rows: readonly RateRow[],
    ignoreRateId: string | undefined,
  ): Promise<Set<string>> {
    const query = this.rates
      .repository(actor, manager)
      .query()
      .select(['row.id', 'row.prefix', 'row.periodId', 'row.effectiveFrom'])
      .andWhere('row.rateCardId = :rateCardId', { rateCardId })
      .andWhere('row.prefix = ANY(:prefixes)', { prefixes: [...new Set(rows.map((row) => row.prefix))] });
    if (ignoreRateId) query.andWhere('row.id <> :ignoreRateId', { ignoreRateId });
    return new Set((await query.getMany()).map(keyOf));
  }
}

function keyOf(rate: RateKey): string {
  return `${rate.prefix}|${rate.periodId ?? ''}|${rate.effectiveFrom.getTime()}`;
}
