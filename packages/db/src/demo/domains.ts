import { Domain } from '../entities';
import type { DemoContext, DemoTenant } from './context';

interface DemoDomain {
  tenant: DemoTenant;
  /** Lower-case; also the SIP digest realm of its lines. */
  name: string;
  description: string;
}

/** The dashboard's 3 domains: two of the owner, one of the reseller. */
export const DEMO_DOMAINS: DemoDomain[] = [
  { tenant: 'owner', name: 'sip.demo.tollgate.test', description: 'Residential and small-business lines' },
  { tenant: 'owner', name: 'pbx.demo.tollgate.test', description: 'Hosted PBX extensions' },
  { tenant: 'reseller', name: 'sip.reseller.demo.tollgate.test', description: "Demo Reseller's customers" },
];

export async function insertDomains(context: DemoContext): Promise<void> {
  for (const domain of DEMO_DOMAINS) {
    const row = await context.manager.getRepository(Domain).save(
      context.manager.create(Domain, {
        tenantId: context.tenants[domain.tenant].id,
        name: domain.name,
        description: domain.description,
      }),
    );
    context.ids.set('domain', domain.name, row.id);
  }
}
