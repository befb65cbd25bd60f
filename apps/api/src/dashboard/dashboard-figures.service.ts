import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CreditPools } from '@tollgate/credit-pools';
import { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { ForbiddenError } from '../http/domain-errors';
import { RatingCatalog } from '../rating-catalog/rating-catalog';
import type { z } from 'zod';
import type { dashboardFiguresSchema } from './dto/dashboard.dto';

export type DashboardFigures = z.output<typeof dashboardFiguresSchema>;

// One round trip: every count of the caller's subtree ($1 = its tenant path prefix, $2 = its tenant).
const FIGURES_SQL = `
  WITH scope AS (SELECT id FROM tenants WHERE path LIKE $1)
  SELECT
    (SELECT count(*) FROM domains WHERE deleted_at IS NULL AND tenant_id IN (SELECT id FROM scope))::int AS domains,
    (SELECT count(*) FROM service_plans WHERE deleted_at IS NULL AND tenant_id IN (SELECT id FROM scope))::int AS plans,
    (SELECT count(*) FROM service_plans
       WHERE deleted_at IS NULL AND active AND tenant_id IN (SELECT id FROM scope))::int AS active_plans,
    (SELECT count(*) FROM users
       WHERE deleted_at IS NULL AND tenant_id = $2 AND role = 'admin' AND account_id IS NULL)::int AS administrators,
    (SELECT count(*) FROM banned_ips
       WHERE (expires_at IS NULL OR expires_at > now()) AND tenant_id IN (SELECT id FROM scope))::int AS banned_ips,
    (SELECT count(*) FROM accounts WHERE deleted_at IS NULL AND tenant_id IN (SELECT id FROM scope))::int AS accounts,
    (SELECT count(*) FROM lines WHERE deleted_at IS NULL AND tenant_id IN (SELECT id FROM scope))::int AS lines,
    (SELECT count(*) FROM dids WHERE deleted_at IS NULL AND tenant_id IN (SELECT id FROM scope))::int AS dids,
    (SELECT count(*) FROM dids
       WHERE deleted_at IS NULL AND status = 'assigned' AND tenant_id IN (SELECT id FROM scope))::int AS assigned_dids,
    (SELECT count(*) FROM vendors WHERE deleted_at IS NULL AND tenant_id IN (SELECT id FROM scope))::int AS vendors,
    (SELECT count(*) FROM rate_cards WHERE deleted_at IS NULL AND tenant_id IN (SELECT id FROM scope))::int AS rate_cards,
    (SELECT count(*) FROM rate_cards card
       WHERE card.deleted_at IS NULL AND card.tenant_id IN (SELECT id FROM scope) AND (
         EXISTS (SELECT 1 FROM service_plans plan
                 WHERE plan.sell_rate_card_id = card.id AND plan.active AND plan.deleted_at IS NULL)
         OR EXISTS (SELECT 1 FROM vendors vendor
                    WHERE vendor.buy_rate_card_id = card.id AND vendor.deleted_at IS NULL)
         OR EXISTS (SELECT 1 FROM tenant_settings settings WHERE settings.buy_rate_card_id = card.id)
       ))::int AS active_rate_cards`;

interface FigureRow {
  domains: number;
  plans: number;
  active_plans: number;
  administrators: number;
  banned_ips: number;
  accounts: number;
  lines: number;
  dids: number;
  assigned_dids: number;
  vendors: number;
  rate_cards: number;
  active_rate_cards: number;
}

/**
 * The owner's (or a reseller's) panel: what its subtree holds, and the calls up now. End users have
 * their own account pages instead (403).
 */
@Injectable()
export class DashboardFiguresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pools: CreditPools,
    private readonly catalog: RatingCatalog,
  ) {}

  async figures(actor: Actor): Promise<DashboardFigures> {
    if (actor.scope.isEndUser)
      throw new ForbiddenError('the dashboard is for the operator and its resellers');
    const [row] = (await this.dataSource.query(FIGURES_SQL, [
      `${actor.scope.tenantPath}%`,
      actor.scope.tenantId,
    ])) as FigureRow[];
    return {
      domains: row!.domains,
      servicePlans: { total: row!.plans, active: row!.active_plans },
      administrators: row!.administrators,
      bannedIps: row!.banned_ips,
      subscribers: row!.accounts,
      lines: row!.lines,
      dids: { total: row!.dids, assigned: row!.assigned_dids },
      vendors: row!.vendors,
      rateCards: { total: row!.rate_cards, active: row!.active_rate_cards },
      calls: await this.liveCalls(actor),
      at: new Date(),
    };
  }

  /**
   * Calls of the caller's accounts open in the credit pools now (ringing or answered), by the direction
   * the rating API recorded when it authorized them.
   */
  private async liveCalls(actor: Actor): Promise<DashboardFigures['calls']> {
    const snapshot = this.catalog.current;
    const calls = { total: 0, outbound: 0, inbound: 0 };
    for await (const accountId of this.pools.accountsWithOpenCalls()) {
      const account = snapshot.account(accountId);
      if (account === undefined || !actor.scope.includesTenantPath(account.tenantPath)) continue;
      for (const live of await this.pools.liveCalls(accountId)) {
        const call = await this.pools.call(accountId, live.callId);
        if (call === null || (call.state !== 'active' && call.state !== 'reserved')) continue;
        calls.total += 1;
        if (call.details.direction === 'outbound') calls.outbound += 1;
        if (call.details.direction === 'inbound') calls.inbound += 1;
      }
    }
    return calls;
  }
}
