import { Injectable } from '@nestjs/common';
import { Rate, RateCard } from '@tollgate/db';
import { ZodValidationException } from 'nestjs-zod';
import { z } from 'zod';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { type TenantResource, TenantResources } from '../tenancy/tenant-resources';
import type { BulkCreateRatesDto } from './dto/rate.dto';
import { RateRowChecks, type RateRowProblem } from './rate-row-checks';
import { withEffectiveFrom } from './rates.service';
import { RATE_CARDS } from './rate-card-resources';

// 16 columns a row: well below PostgreSQL's 65,535 parameters a statement.
const ROWS_PER_INSERT = 1000;

/** Many rates in one request, all or nothing: one bad row and nothing is written. */
@Injectable()
export class ImportRatesService {
  private readonly cards: TenantResource<RateCard>;

  constructor(
    private readonly resources: TenantResources,
    private readonly audit: AuditTrail,
    private readonly checks: RateRowChecks,
  ) {
    this.cards = resources.of(RateCard, RATE_CARDS);
  }

  async import(actor: Actor, rateCardId: string, input: BulkCreateRatesDto): Promise<{ created: number }> {
    const card = await this.cards.get(actor, rateCardId);
    const now = new Date();
    const rows = input.rates.map((rate) => ({
      ...withEffectiveFrom(rate, now),
      rateCardId,
      tenantId: card.tenantId,
    }));
    return this.resources.transaction(async (manager) => {
      const problems = await this.checks.problems(actor, manager, rateCardId, rows);
      if (problems.length > 0) throw rowErrors(problems);
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(Rate)
          .values(rows.slice(start, start + ROWS_PER_INSERT))
          .updateEntity(false)
          .execute();
      }
      await this.audit.record(manager, actor, {
        action: 'rate_card.import_rates',
        entityType: 'rate_card',
        entityId: rateCardId,
        tenantId: card.tenantId,
        after: { importedRates: rows.length },
      });
      return { created: rows.length };
    });
  }
}

/** The same 400 as a schema failure, one error per bad row and field (`rates.<index>.<field>`). */
function rowErrors(problems: readonly RateRowProblem[]): ZodValidationException {
  return new ZodValidationException(
    new z.ZodError(
      problems.map((problem) => ({
        code: 'custom' as const,
        path: ['rates', problem.index, problem.field],
        message: problem.reason,
        input: undefined,
      })),
    ),
  );
}
