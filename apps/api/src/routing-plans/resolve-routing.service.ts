import { Injectable } from '@nestjs/common';
import { RoutingPlan, RoutingPlanPrefix, RoutingPlanVendor } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import { TenantResources } from '../tenancy/tenant-resources';
import type { ResolvedRouting } from './dto/resolved-routing.dto';

const MAX_PREFIX_LENGTH = 15;

/**
 * What a routing plan says for one destination: the longest matching prefix rule (or the plan itself),
 * the strategy in force, whether the destination is blocked, and the vendors to order with their
 * effective priority and weight. This is the input of the rating engine's `orderVendors`; pricing the
 * vendors is the engine's job, not this one's.
 */
@Injectable()
export class ResolveRoutingService {
  private readonly plans;
  private readonly rules;
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
    this.assignments = resources.of(RoutingPlanVendor, {
      label: 'vendor assignment',
      entityType: 'routing_plan_vendor',
      endUserColumn: null,
      deletion: 'hard',
    });
  }

  async resolve(actor: Actor, planId: string, destination: string): Promise<ResolvedRouting> {
    const plan = await this.plans.get(actor, planId);
    const rule = await this.longestRule(actor, plan.id, destination);
    const blocked = rule?.blocked ?? false;
    const own = rule && !blocked ? await this.vendorsFor(actor, plan.id, rule.prefix) : [];
    const vendorSource = own.length > 0 ? 'prefix' : 'default';
    const vendors = blocked ? [] : own.length > 0 ? own : await this.vendorsFor(actor, plan.id, '');
    return {
      routingPlanId: plan.id,
      destination,
      matchedPrefix: rule?.prefix ?? '',
      prefixRuleId: rule?.id ?? null,
      strategy: rule?.strategy ?? plan.strategy,
      blocked,
      vendorSource,
      maxVendors: plan.maxVendors,
      allowLoss: plan.allowLoss,
      marginGuardPercent: plan.marginGuardPercent,
      marginGuardAmount: plan.marginGuardAmount,
      vendors,
    };
  }

  private async longestRule(actor: Actor, planId: string, destination: string) {
    const candidates = Array.from({ length: Math.min(destination.length, MAX_PREFIX_LENGTH) }, (_, i) =>
      destination.slice(0, i + 1),
    );
    const matches = await this.rules
      .repository(actor)
      .query()
      .andWhere('row.routingPlanId = :planId AND row.prefix IN (:...candidates)', { planId, candidates })
      .getMany();
    return matches.reduce<RoutingPlanPrefix | undefined>(
      (longest, rule) => (longest && longest.prefix.length >= rule.prefix.length ? longest : rule),
      undefined,
    );
  }

  /** Assignments of one prefix with their vendor (deleted vendors drop out), in effective priority order. */
  private async vendorsFor(actor: Actor, planId: string, prefix: string) {
    const rows = await this.assignments
      .repository(actor)
      .query()
      .innerJoinAndSelect('row.vendor', 'vendor')
      .andWhere('row.routingPlanId = :planId AND row.prefix = :prefix', { planId, prefix })
      .getMany();
    return rows
      .map(({ id, vendor, priority, weight }) => ({
        assignmentId: id,
        vendorId: vendor.id,
        name: vendor.name,
        currency: vendor.currency,
        enabled: vendor.enabled,
        buyRateCardId: vendor.buyRateCardId,
        priority: priority ?? vendor.priority,
        weight: weight ?? vendor.weight,
        qualityScore: vendor.qualityScore,
        blockedPrefixes: vendor.blockedPrefixes,
      }))
      .sort((a, b) => a.priority - b.priority || a.vendorId.localeCompare(b.vendorId));
  }
}
