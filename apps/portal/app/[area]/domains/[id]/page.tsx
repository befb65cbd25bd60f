import type { Metadata } from 'next';
import { fieldsWith } from '../../../../lib/catalog-fields';
import { valuesFrom } from '../../../../lib/catalog-forms';
import { api, mustRead, requireArea } from '../../../../lib/session';
import { CatalogFormPage } from '../../catalog/form-page';

export const metadata: Metadata = { title: 'Edit domain' };

export default async function EditDomainPage({ params }: { params: Promise<{ area: string; id: string }> }) {
  const { area: requested, id } = await params;
  const { area } = await requireArea(requested);
  const client = await api();
  const domain = await mustRead(client.GET('/domains/{id}', { params: { path: { id } } }));
  const fields = fieldsWith('domain', {});
  return (
    <CatalogFormPage
      area={area}
      resource="domain"
      id={id}
      title={`Edit ${domain.name}`}
      fields={fields}
      initial={valuesFrom(fields, domain)}
      listPath="domains"
    />
  );
}
