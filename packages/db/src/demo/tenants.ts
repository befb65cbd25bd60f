import { BillingType, Tenant, TenantKind, TenantSettings } from '../entities';
import Decimal from 'decimal.js';
import type { EntityManager } from 'typeorm';
import type { DemoContext, DemoTenant } from './context';
import { DEMO_OPERATOR } from './credentials';

interface DemoTenantSettings {
  defaultCurrency: string;
  defaultTimezone: string;
  brandName: string;
  primaryColor: string;
  accentColor: string;
  supportEmail: string;
  /** Reseller only: the parent's sell card it buys at. */
  buyRateCard: string | null;
  billingType: BillingType;
  creditLimit: string;
}

/** Branding and defaults of the owner and of the reseller. */
export const DEMO_TENANT_SETTINGS: Record<DemoTenant, DemoTenantSettings> = {
  owner: {
    defaultCurrency: 'EUR',
    defaultTimezone: 'Europe/Berlin',
    brandName: DEMO_OPERATOR.name,
    primaryColor: '#1d4ed8',
    accentColor: '#f59e0b',
    supportEmail: 'support@demo.tollgate.test',
    buyRateCard: null,
    billingType: BillingType.Prepaid,
    creditLimit: '0',
  },
  reseller: {
    defaultCurrency: 'EUR',
    defaultTimezone: 'Europe/Paris',
    brandName: DEMO_OPERATOR.resellerName,
    primaryColor: '#7c3aed',
    accentColor: '#10b981',
    supportEmail: 'support@reseller.demo.tollgate.test',
    // The owner's wholesale deck: what Demo Telecom charges the reseller for each of its customers' calls.
    buyRateCard: 'Wholesale EUR',
    billingType: BillingType.Prepaid,
    creditLimit: '0',
  },
};

/** The owner tenant and the reseller below it, with their materialised paths. */
export async function insertTenants(manager: EntityManager): Promise<Record<DemoTenant, Tenant>> {
  const owner = await insertTenant(manager, TenantKind.Owner, DEMO_OPERATOR.name, null);
  const reseller = await insertTenant(manager, TenantKind.Reseller, DEMO_OPERATOR.resellerName, owner);
  return { owner, reseller };
}

/** After the rate cards: the reseller's settings name the owner card it buys at. */
export async function insertTenantSettings(context: DemoContext): Promise<void> {
  for (const [tenant, settings] of Object.entries(DEMO_TENANT_SETTINGS) as Array<
    [DemoTenant, DemoTenantSettings]
  >) {
    const { buyRateCard, creditLimit, ...rest } = settings;
    await context.manager.getRepository(TenantSettings).insert({
      ...rest,
      tenantId: context.tenants[tenant].id,
      buyRateCardId: buyRateCard ? context.ids.get('rateCard', buyRateCard) : null,
      creditLimit: new Decimal(creditLimit),
    });
  }
}

async function insertTenant(
  manager: EntityManager,
  kind: TenantKind,
  name: string,
  parent: Tenant | null,
): Promise<Tenant> {
  const tenants = manager.getRepository(Tenant);
  const tenant = await tenants.save(tenants.create({ kind, name, parentId: parent?.id ?? null, path: '/' }));
  // The path holds the tenant's own id, known only once the row exists.
  tenant.path = `${parent?.path ?? '/'}${tenant.id}/`;
  return tenants.save(tenant);
}
