import { ServiceKind, ServiceTemplate } from '../entities';
import type { DemoContext, DemoTenant } from './context';

interface DemoServiceTemplate {
  tenant: DemoTenant;
  name: string;
  kind: ServiceKind;
  description: string;
  maxChannels: number | null;
  /** Default plan of the accounts it is sold to: a plan of the same tenant. */
  servicePlan: string;
}

/** The catalogue services are created from: the owner's three products and the reseller's home line. */
export const DEMO_SERVICE_TEMPLATES: DemoServiceTemplate[] = [
  {
    tenant: 'owner',
    name: 'Subscriber line',
    kind: ServiceKind.SubscriberLine,
    description: 'SIP lines for phones and softphones, registered to the platform',
    maxChannels: 2,
    servicePlan: 'Business Flex',
  },
  {
    tenant: 'owner',
    name: 'SIP trunk',
    kind: ServiceKind.SipTrunk,
    description: "Wholesale trunk from the customer's PBX or SBC, authenticated by source address",
    maxChannels: 30,
    servicePlan: 'Business Flex',
  },
  {
    tenant: 'owner',
    name: 'Hosted PBX',
    kind: ServiceKind.HostedPbx,
    description: 'Cloud PBX: extensions, ring groups and voicemail',
    maxChannels: 10,
    servicePlan: 'Business Flex',
  },
  {
    tenant: 'reseller',
    name: 'Home line',
    kind: ServiceKind.SubscriberLine,
    description: 'One or two home phone lines',
    maxChannels: 2,
    servicePlan: 'Home Standard',
  },
];

export async function insertServiceTemplates(context: DemoContext): Promise<void> {
  for (const { tenant, servicePlan, ...template } of DEMO_SERVICE_TEMPLATES) {
    const saved = await context.manager.getRepository(ServiceTemplate).save(
      context.manager.create(ServiceTemplate, {
        ...template,
        tenantId: context.tenants[tenant].id,
        servicePlanId: context.ids.get('servicePlan', servicePlan),
      }),
    );
    context.ids.set('serviceTemplate', `${tenant}/${template.name}`, saved.id);
  }
}
