import type { Metadata } from 'next';
import { fieldsWith } from '../../../../lib/catalog-fields';
import { api, requireArea } from '../../../../lib/session';
import { CatalogFormPage } from '../../catalog/form-page';
import { NONE, rateCardOptions, routingPlanOptions, tenantOptions } from '../../catalog/options';

export const metadata: Metadata = { title: 'New service plan' };

export default async function NewServicePlanPage({ params }: { params: Promise<{ area: string }> }) {
  const { area } = await requireArea((await params).area);
  const client = await api();
  const [tenants, cards, plans] = await Promise.all([
    tenantOptions(client),
    rateCardOptions(client, 'sell'),
    routingPlanOptions(client),
  ]);
  return (
    <CatalogFormPage
      area={area}
      resource="servicePlan"
      id={null}
      title="New service plan"
      description="What accounts on it pay: a sell rate card, a recurring fee, included minutes."
      fields={fieldsWith('servicePlan', {
        tenantId: tenants,
        sellRateCardId: cards,
        routingPlanId: [NONE, ...plans],
      })}
      initial={{
        name: '',
        sellRateCardId: cards[0]?.value ?? '',
        routingPlanId: '',
        recurringFee: '',
        recurringPeriod: 'monthly',
        includedMinutes: '0',
        maxChannels: '',
        currency: '',
        description: '',
        active: 'on',
        tenantId: '',
      }}
      listPath="service-plans"
    />
  );
}
