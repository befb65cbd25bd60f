import Decimal from 'decimal.js';
import { RecurringPeriod, ServicePlan } from '../entities';
import type { DemoContext, DemoTenant } from './context';
import { DEMO_RATE_CARDS } from './rate-cards';

interface DemoServicePlan {
  tenant: DemoTenant;
  name: string;
  description: string;
  /** A sell card of the same tenant. */
  sellRateCard: string;
  /** Null: the reseller's calls follow the owner's routing. */
  routingPlan: string | null;
  recurringFee: string;
  includedMinutes: number;
  maxChannels: number | null;
  /** Retired plans keep their accounts but are offered no more. */
  active: boolean;
}

/**
 * The dashboard's "8 service plans, 2 active": the owner's current business plan and the reseller's
 * plan are on sale; the owner's older plans are retired but still carry grandfathered accounts.
 */
export const DEMO_SERVICE_PLANS: DemoServicePlan[] = [
  {
    tenant: 'owner',
    name: 'Business Flex',
    description: 'Lines, hosted PBX and SIP trunks; pay per minute, least-cost routing',
    sellRateCard: 'Wholesale EUR',
    routingPlan: 'LCR default',
    recurringFee: '9.90',
    includedMinutes: 0,
    maxChannels: 30,
    active: true,
  },
  {
    tenant: 'owner',
    name: 'Residential Classic 2023',
    description: 'Retired home plan: low monthly fee, every minute charged',
    sellRateCard: 'Wholesale EUR',
    routingPlan: 'LCR default',
    recurringFee: '4.90',
    includedMinutes: 0,
    maxChannels: 2,
    active: false,
  },
  {
    tenant: 'owner',
    name: 'Residential Flat 2022',
    description: 'Retired home flat rate',
    sellRateCard: 'Wholesale EUR',
    routingPlan: 'LCR default',
    recurringFee: '19.90',
    includedMinutes: 1000,
    maxChannels: 2,
    active: false,
  },
  {
    tenant: 'owner',
    name: 'Business Premium 2024',
    description: 'Retired: quality-first routing, 500 minutes included',
    sellRateCard: 'Wholesale EUR',
    routingPlan: 'Premium priority',
    recurringFee: '29.90',
    includedMinutes: 500,
    maxChannels: 20,
    active: false,
  },
  {
    tenant: 'owner',
    name: 'SIP Trunk PAYG 2023',
    description: 'Retired pay-as-you-go trunk, replaced by Business Flex',
    sellRateCard: 'Wholesale EUR',
    routingPlan: 'LCR default',
    recurringFee: '0',
    includedMinutes: 0,
    maxChannels: 60,
    active: false,
  },
  {
    tenant: 'owner',
    name: 'Hosted PBX Starter 2023',
    description: 'Retired: up to 5 extensions, 200 minutes included',
    sellRateCard: 'Wholesale EUR',
    routingPlan: 'LCR default',
    recurringFee: '14.90',
    includedMinutes: 200,
    maxChannels: 5,
    active: false,
  },
  {
    tenant: 'owner',
    name: 'Summer Promo 2025',
    description: 'Ended promotion: no monthly fee for new home customers',
    sellRateCard: 'Wholesale EUR',
    routingPlan: 'LCR default',
    recurringFee: '0',
    includedMinutes: 60,
    maxChannels: 2,
    active: false,
  },
  {
    tenant: 'reseller',
    name: 'Home Standard',
    description: "Demo Reseller's home line plan",
    sellRateCard: 'Retail EUR',
    routingPlan: null,
    recurringFee: '5.00',
    includedMinutes: 0,
    maxChannels: 2,
    active: true,
  },
];

export async function insertServicePlans(context: DemoContext): Promise<void> {
  for (const { tenant, sellRateCard, routingPlan, recurringFee, ...plan } of DEMO_SERVICE_PLANS) {
    const saved = await context.manager.getRepository(ServicePlan).save(
      context.manager.create(ServicePlan, {
        ...plan,
        tenantId: context.tenants[tenant].id,
        sellRateCardId: context.ids.get('rateCard', sellRateCard),
        routingPlanId: routingPlan ? context.ids.get('routingPlan', routingPlan) : null,
        recurringFee: new Decimal(recurringFee),
        recurringPeriod: RecurringPeriod.Monthly,
        currency: currencyOf(sellRateCard),
      }),
    );
    context.ids.set('servicePlan', plan.name, saved.id);
  }
}

/** A plan is priced in its sell card's currency. */
function currencyOf(cardName: string): string {
  const card = DEMO_RATE_CARDS.find((candidate) => candidate.name === cardName);
  if (!card) throw new Error(`demo seed: no rate card named "${cardName}"`);
  return card.currency;
}
