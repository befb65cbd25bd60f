import Decimal from 'decimal.js';
import { Account, BillingType, Service, ServiceKind } from '../entities';
import type { DemoContext, DemoTenant } from './context';

interface DemoService {
  name: string;
  kind: ServiceKind;
  /** A template of the account's tenant. */
  template: string;
  maxChannels: number | null;
  /** SIP trunks only: documentation ranges (RFC 5737). */
  allowedSourceIps?: string[];
  techPrefix?: string;
}

interface DemoAccount {
  tenant: DemoTenant;
  code: string;
  name: string;
  email: string;
  billingType: BillingType;
  creditLimit: string;
  currency: string;
  timezone: string;
  maxChannels: number | null;
  servicePlan: string;
  services: DemoService[];
}

/**
 * The dashboard's 3 subscribers: a prepaid café and a postpaid logistics firm of the owner, and the
 * reseller's own prepaid customer. Their lines are in lines.ts, their money in ledger.ts.
 */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    tenant: 'owner',
    code: 'DT-1001',
    name: 'Kiez Café Berlin',
    email: 'billing@kiezcafe.example',
    billingType: BillingType.Prepaid,
    creditLimit: '0',
    currency: 'EUR',
    timezone: 'Europe/Berlin',
    maxChannels: 2,
    // Grandfathered on a retired plan.
    servicePlan: 'Residential Classic 2023',
    services: [
      {
        name: 'Café phone lines',
        kind: ServiceKind.SubscriberLine,
        template: 'Subscriber line',
        maxChannels: 2,
      },
    ],
  },
  {
    tenant: 'owner',
    code: 'DT-1002',
    name: 'Nordwind Logistik GmbH',
    email: 'accounts@nordwind-logistik.example',
    billingType: BillingType.Postpaid,
    creditLimit: '1000',
    currency: 'EUR',
    timezone: 'Europe/Berlin',
    maxChannels: 30,
    servicePlan: 'Business Flex',
    services: [
      { name: 'Nordwind hosted PBX', kind: ServiceKind.HostedPbx, template: 'Hosted PBX', maxChannels: 10 },
      {
        name: 'Nordwind HQ trunk',
        kind: ServiceKind.SipTrunk,
        template: 'SIP trunk',
        maxChannels: 20,
        allowedSourceIps: ['192.0.2.0/24', '198.51.100.10/32'],
      },
    ],
  },
  {
    tenant: 'reseller',
    code: 'DR-2001',
    name: 'Atelier Lumière',
    email: 'contact@atelier-lumiere.example',
    billingType: BillingType.Prepaid,
    creditLimit: '0',
    currency: 'EUR',
    timezone: 'Europe/Paris',
    maxChannels: 2,
    servicePlan: 'Home Standard',
    services: [
      { name: 'Atelier lines', kind: ServiceKind.SubscriberLine, template: 'Home line', maxChannels: 2 },
    ],
  },
];

export async function insertAccounts(context: DemoContext): Promise<void> {
  for (const { tenant, services, servicePlan, creditLimit, ...account } of DEMO_ACCOUNTS) {
    const tenantId = context.tenants[tenant].id;
    const saved = await context.manager.getRepository(Account).save(
      context.manager.create(Account, {
        ...account,
        tenantId,
        creditLimit: new Decimal(creditLimit),
        servicePlanId: context.ids.get('servicePlan', servicePlan),
      }),
    );
    context.ids.set('account', account.code, saved.id);
    await context.manager.getRepository(Service).insert(
      services.map(({ template, allowedSourceIps, techPrefix, ...service }) => ({
        ...service,
        tenantId,
        accountId: saved.id,
        templateId: context.ids.get('serviceTemplate', `${tenant}/${template}`),
        allowedSourceIps: allowedSourceIps ?? [],
        techPrefix: techPrefix ?? null,
      })),
    );
  }
}
