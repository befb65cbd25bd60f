import { Injectable } from '@nestjs/common';
import { RoutingPlan, RoutingPlanPrefix, RoutingPlanVendor } from '@tollgate/db';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { ConflictError, NotFoundError } from '../http/domain-errors';
import { registerUniqueFields } from '../http/unique-violations';
import { TenantResources } from '../tenancy/tenant-resources';
import type {
  CreateRoutingPlanPrefixDto,
  ListRoutingPlanPrefixesQueryDto,
  UpdateRoutingPlanPrefixDto,
} from './dto/routing-plan-prefix.dto';

registerUniqueFields({ routing_plan_prefixes_routing_plan_id_prefix_key: 'prefix' });

/**
 * Per-prefix rules of a routing plan (another strategy, or blocked). A rule owns the vendor assignments
 * made for its prefix: renaming the prefix moves them, deleting the rule deletes them.
 */
@Injectable()
export class RoutingPlanPrefixesService {
  private readonly plans;
  private readonly rules;
  private readonly assignments;

  constructor(
    resources: TenantResources,
    private readonly audit: AuditTrail,
  ) {
    this.plans = resources.of(RoutingPlan, {
      label: 'routing plan',
      entityType: 'routing_plan',
      endUserColumn: null,
      deletion: 'soft',
    });
    this.rules = resources.of(RoutingPlanPrefix, {
      label: 'prefix rule',
      entityType: 'routing_plan_prefix',
      endUserColumn: null,
      deletion: 'hard',
    });
    this.assignments = resources.of(RoutingPlanVendor, {
      label: 'vendor assignment',
      entityType: 'routing_plan_vendor',
      endUserColumn: null,
      deletion: 'hard',
    });
  }

  async list(actor: Actor, planId: string, query: ListRoutingPlanPrefixesQueryDto) {
    await this.plans.get(actor, planId);
    return this.rules.list(actor, query, (rows) => {
      rows.andWhere('row.routingPlanId = :planId', { planId });
      if (query.startsWith)
        rows.andWhere('row.prefix LIKE :startsWith', { startsWith: `${query.startsWith}%` });
      if (query.blocked !== undefined) rows.andWhere('row.blocked = :blocked', { blocked: query.blocked });
    });
  }

  async get(actor: Actor, planId: string, ruleId: string) {
    await this.plans.get(actor, planId);
    return ruleOfPlan(await this.rules.get(actor, ruleId), planId);
  }

  async create(actor: Actor, planId: string, input: CreateRoutingPlanPrefixDto) {
    const plan = await this.plans.get(actor, planId);
    return this.rules.create(actor, { ...input, routingPlanId: plan.id, tenantId: plan.tenantId });
  }

  async update(actor: Actor, planId: string, ruleId: string, input: UpdateRoutingPlanPrefixDto) {
    await this.plans.get(actor, planId);
    return this.rules.update(actor, ruleId, input, async (manager, current) => {
      ruleOfPlan(current, planId);
      if (input.prefix !== undefined && input.prefix !== current.prefix)
        await this.movePrefix(manager, actor, current, input.prefix);
    });
  }

  async remove(actor: Actor, planId: string, ruleId: string) {
    await this.plans.get(actor, planId);
    await this.rules.remove(actor, ruleId, async (manager, current) => {
      ruleOfPlan(current, planId);
      const assignments = this.assignments.repository(actor, manager);
      for (const assignment of await this.assignmentsOf(manager, actor, current)) {
        await assignments.remove(assignment.id);
        await this.record(manager, actor, 'delete', assignment, null);
      }
    });
  }

  private async movePrefix(manager: EntityManager, actor: Actor, rule: RoutingPlanPrefix, prefix: string) {
    const taken = await this.rules
      .repository(actor, manager)
      .query()
      .andWhere('row.routingPlanId = :planId AND row.prefix = :prefix', {
        planId: rule.routingPlanId,
        prefix,
      })
      .getExists();
    if (taken) throw new ConflictError('prefix is already in use', 'prefix');
    const assignments = this.assignments.repository(actor, manager);
    for (const assignment of await this.assignmentsOf(manager, actor, rule)) {
      const { before, after } = await assignments.update(assignment.id, { prefix });
      await this.record(manager, actor, 'update', before, after);
    }
  }

  private assignmentsOf(manager: EntityManager, actor: Actor, rule: RoutingPlanPrefix) {
    return this.assignments
      .repository(actor, manager)
      .query()
      .andWhere('row.routingPlanId = :planId AND row.prefix = :prefix', {
        planId: rule.routingPlanId,
        prefix: rule.prefix,
      })
      .getMany();
  }

  private record(
    manager: EntityManager,
    actor: Actor,
    verb: 'update' | 'delete',
    before: RoutingPlanVendor,
    after: RoutingPlanVendor | null,
  ) {
    return this.audit.record(manager, actor, {
      action: `routing_plan_vendor.${verb}`,
      entityType: 'routing_plan_vendor',
      entityId: before.id,
      tenantId: before.tenantId,
      before,
      after,
    });
  }
}

/** A rule addressed under another plan than its own is not found there. */
function ruleOfPlan(rule: RoutingPlanPrefix, planId: string): RoutingPlanPrefix {
  if (rule.routingPlanId !== planId) throw new NotFoundError('prefix rule');
  return rule;
}
