import type { Metadata } from 'next';
import { fieldsWith } from '../../../../../lib/catalog-fields';
import { valuesFrom } from '../../../../../lib/catalog-forms';
import { api, mustRead, requireArea } from '../../../../../lib/session';
import { CatalogForm } from '../../../../ui/catalog-form';
import { PageHeader } from '../../../../ui/page-header';
import { saveCatalogObject } from '../../../catalog-actions';

export const metadata: Metadata = { title: 'Edit routing plan' };

export default async function EditRoutingPlanPage({
  params,
}: {
  params: Promise<{ area: string; id: string }>;
}) {
  const { area: requested, id } = await params;
  const { area } = await requireArea(requested);
  const client = await api();
  const plan = await mustRead(client.GET('/routing-plans/{id}', { params: { path: { id } } }));
  const fields = fieldsWith('routingPlan', {});
  return (
    <>
      <PageHeader title={`Edit ${plan.name}`} />
      <CatalogForm
        action={saveCatalogObject.bind(null, area, 'routingPlan', id, '')}
        fields={fields}
        initial={valuesFrom(fields, plan)}
        editing
        submitLabel="Save changes"
        cancelHref={`/${area}/routing-plans/${id}`}
      />
    </>
  );
}
