import type { CdrReratingJob } from '@tollgate/cdr';
import type { CreditPools } from '@tollgate/credit-pools';
import type { CdrReratingCursor, CdrReratingRequester } from '@tollgate/db';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { RateCardCache } from './rate-card-cache';
import { rerateCdrBatch, scopeConditions, type PoolEffect, type RerateScope } from './rerate-cdr-batch';

/** Errors kept on a rerating's row (the count goes on). */
const KEPT_ERRORS = 100;

interface ReratingRow {
  id: string;
  status: string;
  tenantId: string;
  tenantPath: string;
  accountId: string | null;
  rateCardId: string | null;
  mode: 'all' | 'unrated';
  fromTime: Date;
  toTime: Date;
  cursor: CdrReratingCursor | null;
  requestedBy: CdrReratingRequester;
}

export interface RerateOutcome {
  processed: number;
  changed: number;
  entriesPosted: number;
}

/**
 * Runs one rerating (or the sweep of unrated CDRs) batch after batch, each batch one transaction that
 * also records the rerating's progress and cursor: a job that dies resumes after the last committed
 * batch, and a batch done twice posts nothing the second time. After each commit the customers'
 * credit pools take in what was posted to their accounts.
 */
export class RunCdrRerating {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cards: RateCardCache,
    private readonly pools: CreditPools,
    private readonly logger: Logger,
    private readonly batchSize: number,
  ) {}

  async run(job: CdrReratingJob): Promise<RerateOutcome> {
    // "From the cards as they are now": every card is checked against the database on its next use.
    this.cards.invalidate();
    return job.kind === 'rerating' ? this.rerating(job.reratingId) : this.sweep();
  }

  /** Marks a rerating failed for good (its job's last attempt failed). */
  async fail(reratingId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE cdr_reratings SET status = 'failed', failure = $2, finished_at = now(), updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running')`,
      [reratingId, reason.slice(0, 2000)],
    );
  }

  private async rerating(id: string): Promise<RerateOutcome> {
    const [row] = (await this.dataSource.query(
      `SELECT r.id, r.status::text AS status, r.tenant_id AS "tenantId", t.path AS "tenantPath",
              r.account_id AS "accountId", r.rate_card_id AS "rateCardId", r.mode::text AS mode,
              r.from_time AS "fromTime", r.to_time AS "toTime", r.cursor, r.requested_by AS "requestedBy"
         FROM cdr_reratings r JOIN tenants t ON t.id = r.tenant_id WHERE r.id = $1`,
      [id],
    )) as ReratingRow[];
    const outcome = { processed: 0, changed: 0, entriesPosted: 0 };
    if (!row || row.status === 'completed' || row.status === 'failed') return outcome;
    const scope = await this.scopeOf(row);
    if (row.status === 'queued') await this.start(row.id, scope);
    let cursor = row.cursor;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const result = await rerateCdrBatch(manager, this.cards, scope, cursor, this.batchSize);
        await recordProgress(manager, row.id, result);
        return result;
      });
      await this.bringIntoPools(batch.poolEffects);
      outcome.processed += batch.processed;
      outcome.changed += batch.changed;
      outcome.entriesPosted += batch.entriesPosted;
      if (batch.cursor === null) break;
      cursor = batch.cursor;
    }
    await this.dataSource.query(
      `UPDATE cdr_reratings SET status = 'completed', percent = 100, finished_at = now(), updated_at = now()
        WHERE id = $1`,
      [row.id],
    );
    this.logger.info({ reratingId: row.id, ...outcome }, 'rerating completed');
    return outcome;
  }

  /** Every unrated CDR, missing levels only, every tenant: what a new rate may now price. */
  private async sweep(): Promise<RerateOutcome> {
    const scope: RerateScope = {
      reratingId: null,
      rule: { mode: 'unrated', requesterPath: '/' },
      from: null,
      to: null,
      tenantIds: null,
      accountId: null,
      card: null,
    };
    const outcome = { processed: 0, changed: 0, entriesPosted: 0 };
    let cursor: CdrReratingCursor | null = null;
    for (;;) {
      const batch = await this.dataSource.transaction((manager) =>
        rerateCdrBatch(manager, this.cards, scope, cursor, this.batchSize),
      );
      await this.bringIntoPools(batch.poolEffects);
      outcome.processed += batch.processed;
      outcome.changed += batch.changed;
      outcome.entriesPosted += batch.entriesPosted;
      if (batch.cursor === null) break;
      cursor = batch.cursor;
    }
    if (outcome.changed > 0) this.logger.info(outcome, 'unrated CDRs re-rated');
    return outcome;
  }

  private async start(id: string, scope: RerateScope): Promise<void> {
    const parameters: unknown[] = [];
    const conditions = scopeConditions(scope, parameters);
    parameters.push(id);
    await this.dataSource.query(
      `UPDATE cdr_reratings SET status = 'running', started_at = coalesce(started_at, now()), updated_at = now(),
              cdrs_total = (SELECT count(*) FROM cdrs c WHERE ${conditions.join(' AND ')})
        WHERE id = $${parameters.length}`,
      parameters,
    );
  }

  /** The rerating's CDRs: its tenant's subtree, narrowed to an account or to a card's users. */
  private async scopeOf(row: ReratingRow): Promise<RerateScope> {
    const subtree = `${row.tenantPath}%`;
    const tenantIds = (
      (await this.dataSource.query(`SELECT id FROM tenants WHERE path LIKE $1`, [subtree])) as Array<{
        id: string;
      }>
    ).map((tenant) => tenant.id);
    const ids = async (sql: string) =>
      ((await this.dataSource.query(sql, [row.rateCardId, subtree])) as Array<{ id: string }>).map(
        (found) => found.id,
      );
    const card =
      row.rateCardId === null
        ? null
        : {
            accountIds: await ids(
              `SELECT a.id FROM accounts a JOIN service_plans p ON p.id = a.service_plan_id
                 JOIN tenants t ON t.id = a.tenant_id
                WHERE p.sell_rate_card_id = $1 AND t.path LIKE $2`,
            ),
            tenantIds: await ids(
              `SELECT below.id FROM tenant_settings s JOIN tenants reseller ON reseller.id = s.tenant_id
                 JOIN tenants below ON below.path LIKE reseller.path || '%'
                WHERE s.buy_rate_card_id = $1 AND below.path LIKE $2`,
            ),
            vendorIds: await ids(
              `SELECT v.id FROM vendors v JOIN tenants t ON t.id = v.tenant_id
                WHERE v.buy_rate_card_id = $1 AND t.path LIKE $2`,
            ),
          };
    return {
      reratingId: row.id,
      rule: { mode: row.mode, requesterPath: row.tenantPath },
      from: row.fromTime,
      to: row.toTime,
      tenantIds,
      accountId: row.accountId,
      card,
    };
  }

  /**
   * The ledger is committed whatever happens here: a pool that misses an entry is corrected when it is
   * next loaded from the balance. One account's entries in order, each idempotent by entry id.
   */
  private async bringIntoPools(effects: readonly PoolEffect[]): Promise<void> {
    const byAccount = new Map<string, PoolEffect[]>();
    for (const effect of effects)
      byAccount.set(effect.account.id, [...(byAccount.get(effect.account.id) ?? []), effect]);
    await Promise.all(
      [...byAccount.values()].map(async (ofAccount) => {
        for (const effect of ofAccount) {
          const entry = {
            entryId: effect.entryId,
            amount: effect.amount,
            balanceAfter: effect.balanceAfter,
            balanceVersion: effect.version,
            currency: effect.account.currency,
            billingType: effect.account.billingType,
            creditLimit: effect.account.creditLimit,
          };
          try {
            if (effect.firstCharge) await this.pools.applyCallCharge(effect.account.id, effect.callId, entry);
            else await this.pools.applyLedgerEntry(effect.account.id, entry);
          } catch (error) {
            this.logger.error(
              { err: error, accountId: effect.account.id, entryId: effect.entryId },
              'rerating entry committed but not brought into the credit pool',
            );
          }
        }
      }),
    );
  }
}

/** The batch's counts and cursor, in the batch's transaction: progress is exactly what is committed. */
async function recordProgress(
  manager: EntityManager,
  id: string,
  batch: Awaited<ReturnType<typeof rerateCdrBatch>>,
): Promise<void> {
  await manager.query(
    `UPDATE cdr_reratings SET
        cdrs_processed = cdrs_processed + $2, cdrs_changed = cdrs_changed + $3, cdrs_now_rated = cdrs_now_rated + $4,
        entries_posted = entries_posted + $5, error_count = error_count + $6,
        errors = (SELECT coalesce(jsonb_agg(kept.error), '[]'::jsonb)
                    FROM (SELECT error FROM jsonb_array_elements(errors || $7::jsonb) AS error LIMIT ${KEPT_ERRORS}) kept),
        cursor = coalesce($8::jsonb, cursor),
        percent = CASE WHEN coalesce(cdrs_total, 0) = 0 THEN 0
                       ELSE least(99, (cdrs_processed + $2) * 100 / cdrs_total) END,
        updated_at = now()
      WHERE id = $1`,
    [
      id,
      batch.processed,
      batch.changed,
      batch.nowRated,
      batch.entriesPosted,
      batch.errors.length,
      JSON.stringify(batch.errors.slice(0, KEPT_ERRORS)),
      batch.cursor === null ? null : JSON.stringify(batch.cursor),
    ],
  );
}
