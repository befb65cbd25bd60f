import type { Metadata } from 'next';
import { fieldsWith } from '../../../../lib/catalog-fields';
import { valuesFrom } from '../../../../lib/catalog-forms';
import { api, mustRead, requireArea } from '../../../../lib/session';
import { CatalogFormPage } from '../../catalog/form-page';
import { NONE, rateCardOptions, routingPlanOptions } from '../../catalog/options';

export const metadata: Metadata = { title: 'Edit service plan' };

export default async function EditServicePlanPage({
  params,
}: {
  params: Promise<{ area: string; id: string }>;
}) {
  const { area: requested, id } = await params;
  const { area } = await requireArea(requested);
  const client = await api();
  const [plan, cards, plans] = await Promise.all([
    mustRead(client.GET('/service-plans/{id}', { params: { path: { id } } })),
    rateCardOptions(client, 'sell'),
    routingPlanOptions(client),
  ]);
  const fields = fieldsWith('servicePlan', { sellRateCardId: cards, routingPlanId: [NONE, ...plans] });
  return (
    <CatalogFormPage
      area={area}
      resource="servicePlan"
      id={id}
      title={`Edit ${plan.name}`}
      fields={fields}
      initial={valuesFrom(fields, plan)}
      listPath="service-plans"
    />
  );
}
