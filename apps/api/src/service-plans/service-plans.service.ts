import { Injectable } from '@nestjs/common';
import { Account, RateCard, RateCardKind, RoutingPlan, ServicePlan, ServiceTemplate } from '@tollgate/db';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { BadRequestError, ConflictError } from '../http/domain-errors';
import { registerUniqueFields } from '../http/unique-violations';
import { escapeLike } from '../tenancy/like-pattern';
import { TenantResources } from '../tenancy/tenant-resources';
import type {
  CreateServicePlanDto,
  ListServicePlansQueryDto,
  UpdateServicePlanDto,
} from './dto/service-plan.dto';

registerUniqueFields({ service_plans_tenant_id_name_key: 'name' });

/**
 * Service plans: what accounts are sold on. The sell rate card and the routing plan must be the plan's
 * own tenant's (never another tenant's, even one the caller can see), and the card must be a sell card
 * in the plan's currency.
 */
@Injectable()
export class ServicePlansService {
  private readonly plans;
  private readonly rateCards;
  private readonly routingPlans;

  constructor(resources: TenantResources) {
    this.plans = resources.of(ServicePlan, {
      label: 'service plan',
      entityType: 'service_plan',
      endUserColumn: null,
      deletion: 'soft',
    });
    this.rateCards = resources.of(RateCard, {
      label: 'rate card',
      entityType: 'rate_card',
      endUserColumn: null,
      deletion: 'soft',
    });
    this.routingPlans = resources.of(RoutingPlan, {
      label: 'routing plan',
      entityType: 'routing_plan',
      endUserColumn: null,
      deletion: 'soft',
    });
  }

  list(actor: Actor, query: ListServicePlansQueryDto) {
    return this.plans.list(actor, query, (rows) => {
      if (query.search) rows.andWhere('row.name ILIKE :search', { search: `%${escapeLike(query.search)}%` });
      if (query.active !== undefined) rows.andWhere('row.active = :active', { active: query.active });
      if (query.currency) rows.andWhere('row.currency = :currency', { currency: query.currency });
      if (query.tenantId) rows.andWhere('row.tenantId = :tenantId', { tenantId: query.tenantId });
    });
  }

  get(actor: Actor, id: string) {
    return this.plans.get(actor, id);
  }

  async create(actor: Actor, input: CreateServicePlanDto) {
    const tenantId = input.tenantId ?? actor.scope.tenantId;
    const card = await this.sellRateCard(actor, input.sellRateCardId, tenantId);
    const currency = input.currency ?? card.currency;
    assertCurrency(card, currency, 'sellRateCardId');
    return this.plans.create(actor, { ...input, tenantId, currency }, async (manager) => {
      if (input.routingPlanId) await this.routingPlan(actor, input.routingPlanId, tenantId, manager);
    });
  }

  update(actor: Actor, id: string, input: UpdateServicePlanDto) {
    return this.plans.update(actor, id, input, async (manager, current) => {
      const currency = input.currency ?? current.currency;
      if (input.sellRateCardId !== undefined || currency !== current.currency) {
        const cardId = input.sellRateCardId ?? current.sellRateCardId;
        const card = await this.sellRateCard(actor, cardId, current.tenantId, manager);
        assertCurrency(card, currency, input.sellRateCardId !== undefined ? 'sellRateCardId' : 'currency');
      }
      if (currency !== current.currency && (await accountsOn(manager, id)) > 0)
        throw new ConflictError('accounts are on this plan: its currency cannot change', 'currency');
      if (input.routingPlanId) await this.routingPlan(actor, input.routingPlanId, current.tenantId, manager);
    });
  }

  /** Soft delete, refused while an account is on the plan or a service template offers it by default. */
  remove(actor: Actor, id: string) {
    return this.plans.remove(actor, id, async (manager) => {
      const accounts = await accountsOn(manager, id);
      if (accounts > 0)
        throw new ConflictError(`${accounts} account(s) are on this service plan: move them first`);
      const templates = await manager.getRepository(ServiceTemplate).countBy({ servicePlanId: id });
      if (templates > 0)
        throw new ConflictError(
          `${templates} service template(s) default to this service plan: change them first`,
        );
    });
  }

  private async sellRateCard(actor: Actor, id: string, tenantId: string, manager?: EntityManager) {
    const card = await this.rateCards.repository(actor, manager).findById(id);
    if (card.tenantId !== tenantId)
      throw new BadRequestError(
        'the rate card belongs to another tenant than the service plan',
        'sellRateCardId',
      );
    if (card.kind !== RateCardKind.Sell)
      throw new BadRequestError('must be a sell rate card, not a buy one', 'sellRateCardId');
    return card;
  }

  private async routingPlan(actor: Actor, id: string, tenantId: string, manager: EntityManager) {
    const plan = await this.routingPlans.repository(actor, manager).findById(id);
    if (plan.tenantId !== tenantId)
      throw new BadRequestError(
        'the routing plan belongs to another tenant than the service plan',
        'routingPlanId',
      );
  }
}

function assertCurrency(card: RateCard, currency: string, field: string): void {
  if (card.currency !== currency)
    throw new BadRequestError(
      `the sell rate card is in ${card.currency}, the service plan in ${currency}: they must match`,
      field,
    );
}

// Counted over every tenant: a plan is in use whoever uses it, and the answer names no other tenant's data.
function accountsOn(manager: EntityManager, planId: string): Promise<number> {
  return manager.getRepository(Account).countBy({ servicePlanId: planId });
}
