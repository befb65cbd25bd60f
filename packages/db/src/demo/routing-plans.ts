import Decimal from 'decimal.js';
import { RoutingPlan, RoutingPlanPrefix, RoutingPlanVendor, RoutingStrategy } from '../entities';
import type { DemoContext } from './context';

interface DemoAssignment {
  vendor: string;
  /** Order in this plan (fixed-priority routing); omitted = the vendor's own priority. */
  priority?: number;
}

interface DemoPrefixRule {
  prefix: string;
  /** Omitted = the plan's strategy. */
  strategy?: RoutingStrategy;
  blocked?: boolean;
  /** Vendors of this prefix only; omitted = the plan's default vendors. */
  vendors?: DemoAssignment[];
}

interface DemoRoutingPlan {
  name: string;
  strategy: RoutingStrategy;
  /** Minimum margin, % of the sell price, a vendor must leave; null = none. */
  marginGuardPercent: string | null;
  allowLoss: boolean;
  maxVendors: number;
  /** The plan's default vendors (all destinations). */
  vendors: DemoAssignment[];
  rules: DemoPrefixRule[];
}

/**
 * The owner's two routing plans. Only EUR vendors share a vendor list: the rating engine does not
 * convert currencies, so the USD vendor is alone on its prefix rule.
 */
export const DEMO_ROUTING_PLANS: DemoRoutingPlan[] = [
  {
    name: 'LCR default',
    strategy: RoutingStrategy.Lcr,
    marginGuardPercent: '10',
    allowLoss: false,
    maxVendors: 3,
    vendors: [
      { vendor: 'Alpine Voice Exchange' },
      { vendor: 'Baltic Transit' },
      { vendor: 'Celtic Carrier Services' },
      { vendor: 'Danube Telecom Wholesale' },
    ],
    rules: [
      { prefix: '4990', blocked: true },
      // Nigeria: quality first, whatever the price, with the cheaper carrier as failover.
      {
        prefix: '234',
        strategy: RoutingStrategy.Priority,
        vendors: [
          { vendor: 'Celtic Carrier Services', priority: 1 },
          { vendor: 'Danube Telecom Wholesale', priority: 2 },
        ],
      },
    ],
  },
  {
    name: 'Premium priority',
    strategy: RoutingStrategy.Priority,
    marginGuardPercent: null,
    allowLoss: false,
    maxVendors: 2,
    vendors: [
      { vendor: 'Celtic Carrier Services', priority: 1 },
      { vendor: 'Alpine Voice Exchange', priority: 2 },
      { vendor: 'Baltic Transit', priority: 3 },
    ],
    rules: [
      { prefix: '4990', blocked: true },
      { prefix: '1', vendors: [{ vendor: 'Atlantic Bridge Networks', priority: 1 }] },
    ],
  },
];

export async function insertRoutingPlans(context: DemoContext): Promise<void> {
  const tenantId = context.tenants.owner.id;
  for (const { vendors, rules, marginGuardPercent, ...plan } of DEMO_ROUTING_PLANS) {
    const saved = await context.manager.getRepository(RoutingPlan).save(
      context.manager.create(RoutingPlan, {
        ...plan,
        tenantId,
        marginGuardPercent: marginGuardPercent === null ? null : new Decimal(marginGuardPercent),
        marginGuardAmount: null,
      }),
    );
    context.ids.set('routingPlan', plan.name, saved.id);
    const routingPlanId = saved.id;
    await context.manager.getRepository(RoutingPlanPrefix).insert(
      rules.map((rule) => ({
        tenantId,
        routingPlanId,
        prefix: rule.prefix,
        strategy: rule.strategy ?? null,
        blocked: rule.blocked ?? false,
      })),
    );
    const assignments = [
      ...vendors.map((assignment) => ({ prefix: '', ...assignment })),
      ...rules.flatMap((rule) =>
        (rule.vendors ?? []).map((assignment) => ({ prefix: rule.prefix, ...assignment })),
      ),
    ];
    await context.manager.getRepository(RoutingPlanVendor).insert(
      assignments.map((assignment) => ({
        tenantId,
        routingPlanId,
        prefix: assignment.prefix,
        vendorId: context.ids.get('vendor', assignment.vendor),
        priority: assignment.priority ?? null,
        weight: null,
      })),
    );
  }
}
