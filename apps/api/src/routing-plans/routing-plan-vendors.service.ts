import { Injectable } from '@nestjs/common';
import { RoutingPlan, RoutingPlanPrefix, RoutingPlanVendor, Vendor } from '@tollgate/db';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { BadRequestError, NotFoundError } from '../http/domain-errors';
import { registerUniqueFields } from '../http/unique-violations';
import { TenantResources } from '../tenancy/tenant-resources';
import type {
  CreateRoutingPlanVendorDto,
  ListRoutingPlanVendorsQueryDto,
  UpdateRoutingPlanVendorDto,
} from './dto/routing-plan-vendor.dto';

registerUniqueFields({ routing_plan_vendors_routing_plan_id_prefix_vendor_id_key: 'vendorId' });

/** The vendors a routing plan may use: for every destination (prefix '') or for one of its prefix rules. */
@Injectable()
export class RoutingPlanVendorsService {
  private readonly plans;
  private readonly rules;
  private readonly vendors;
  private readonly assignments;

  constructor(resources: TenantResources) {
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
    this.vendors = resources.of(Vendor, {
      label: 'vendor',
      entityType: 'vendor',
      endUserColumn: null,
      deletion: 'soft',
    });
    this.assignments = resources.of(RoutingPlanVendor, {
      label: 'vendor assignment',
      entityType: 'routing_plan_vendor',
      endUserColumn: null,
      deletion: 'hard',
    });
  }

  async list(actor: Actor, planId: string, query: ListRoutingPlanVendorsQueryDto) {
    await this.plans.get(actor, planId);
    return this.assignments.list(actor, query, (rows) => {
      rows.andWhere('row.routingPlanId = :planId', { planId });
      if (query.prefix !== undefined) rows.andWhere('row.prefix = :prefix', { prefix: query.prefix });
      if (query.vendorId) rows.andWhere('row.vendorId = :vendorId', { vendorId: query.vendorId });
    });
  }

  async get(actor: Actor, planId: string, assignmentId: string) {
    await this.plans.get(actor, planId);
    return assignmentOfPlan(await this.assignments.get(actor, assignmentId), planId);
  }

  async create(actor: Actor, planId: string, input: CreateRoutingPlanVendorDto) {
    const plan = await this.plans.get(actor, planId);
    return this.assignments.create(
      actor,
      { ...input, routingPlanId: plan.id, tenantId: plan.tenantId },
      async (manager) => {
        const vendor = await this.vendors.repository(actor, manager).findById(input.vendorId);
        if (vendor.tenantId !== plan.tenantId)
          throw new BadRequestError('the vendor belongs to another tenant than the routing plan', 'vendorId');
        if (input.prefix !== '') await this.lockRule(manager, actor, plan, input.prefix);
      },
    );
  }

  async update(actor: Actor, planId: string, assignmentId: string, input: UpdateRoutingPlanVendorDto) {
    await this.plans.get(actor, planId);
    return this.assignments.update(actor, assignmentId, input, async (_, current) => {
      assignmentOfPlan(current, planId);
    });
  }

  async remove(actor: Actor, planId: string, assignmentId: string) {
    await this.plans.get(actor, planId);
    await this.assignments.remove(actor, assignmentId, async (_, current) => {
      assignmentOfPlan(current, planId);
    });
  }

  /** The rule must exist, and stays until the assignment is committed (a concurrent delete waits). */
  private async lockRule(manager: EntityManager, actor: Actor, plan: RoutingPlan, prefix: string) {
    const rule = await this.rules
      .repository(actor, manager)
      .query()
      .andWhere('row.routingPlanId = :planId AND row.prefix = :prefix', { planId: plan.id, prefix })
      .setLock('pessimistic_read')
      .getOne();
    if (!rule)
      throw new BadRequestError(
        `the routing plan has no rule for prefix ${prefix}: create it first, or use '' for the plan's defaults`,
        'prefix',
      );
  }
}

function assignmentOfPlan(assignment: RoutingPlanVendor, planId: string): RoutingPlanVendor {
  if (assignment.routingPlanId !== planId) throw new NotFoundError('vendor assignment');
  return assignment;
}
