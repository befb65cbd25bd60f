import { Injectable } from '@nestjs/common';
import { RoutingPlan, ServicePlan } from '@tollgate/db';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { ConflictError } from '../http/domain-errors';
import { registerUniqueFields } from '../http/unique-violations';
import { escapeLike } from '../tenancy/like-pattern';
import { TenantResources } from '../tenancy/tenant-resources';
import type {
  CreateRoutingPlanDto,
  ListRoutingPlansQueryDto,
  UpdateRoutingPlanDto,
} from './dto/routing-plan.dto';

registerUniqueFields({ routing_plans_tenant_id_name_key: 'name' });

/** Routing plans: how calls are sent to vendors, with a margin guard. Per-prefix rules live beside. */
@Injectable()
export class RoutingPlansService {
  private readonly plans;

  constructor(resources: TenantResources) {
    this.plans = resources.of(RoutingPlan, {
      label: 'routing plan',
      entityType: 'routing_plan',
      endUserColumn: null,
      deletion: 'soft',
    });
  }

  list(actor: Actor, query: ListRoutingPlansQueryDto) {
    return this.plans.list(actor, query, (rows) => {
      if (query.search) rows.andWhere('row.name ILIKE :search', { search: `%${escapeLike(query.search)}%` });
      if (query.strategy) rows.andWhere('row.strategy = :strategy', { strategy: query.strategy });
      if (query.tenantId) rows.andWhere('row.tenantId = :tenantId', { tenantId: query.tenantId });
    });
  }

  get(actor: Actor, id: string) {
    return this.plans.get(actor, id);
  }

  create(actor: Actor, input: CreateRoutingPlanDto) {
    return this.plans.create(actor, input);
  }

  update(actor: Actor, id: string, input: UpdateRoutingPlanDto) {
    return this.plans.update(actor, id, input);
  }

  /** Soft delete, refused while a service plan routes by it. */
  remove(actor: Actor, id: string) {
    return this.plans.remove(actor, id, (manager) => assertUnused(manager, id));
  }
}

// Counted over every tenant: a plan is in use whoever uses it, and the answer names no other tenant's data.
async function assertUnused(manager: EntityManager, id: string): Promise<void> {
  const users = await manager.getRepository(ServicePlan).countBy({ routingPlanId: id });
  if (users > 0)
    throw new ConflictError(`the routing plan is used by ${users} service plan(s): change them first`);
}
