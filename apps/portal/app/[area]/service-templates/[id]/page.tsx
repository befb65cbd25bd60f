import type { Metadata } from 'next';
import { fieldsWith } from '../../../../lib/catalog-fields';
import { valuesFrom } from '../../../../lib/catalog-forms';
import { api, mustRead, requireArea } from '../../../../lib/session';
import { CatalogFormPage } from '../../catalog/form-page';
import { NONE, servicePlanOptions } from '../../catalog/options';

export const metadata: Metadata = { title: 'Edit service template' };

export default async function EditServiceTemplatePage({
  params,
}: {
  params: Promise<{ area: string; id: string }>;
}) {
  const { area: requested, id } = await params;
  const { area } = await requireArea(requested);
  const client = await api();
  const [template, plans] = await Promise.all([
    mustRead(client.GET('/service-templates/{id}', { params: { path: { id } } })),
    servicePlanOptions(client),
  ]);
  const fields = fieldsWith('serviceTemplate', { servicePlanId: [NONE, ...plans] });
  return (
    <CatalogFormPage
      area={area}
      resource="serviceTemplate"
      id={id}
      title={`Edit ${template.name}`}
      fields={fields}
      initial={valuesFrom(fields, template)}
      listPath="service-templates"
    />
  );
}
