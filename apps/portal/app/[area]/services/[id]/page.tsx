import type { Metadata } from 'next';
import { fieldsWith } from '../../../../lib/catalog-fields';
import { valuesFrom } from '../../../../lib/catalog-forms';
import { api, mustRead, requireArea } from '../../../../lib/session';
import { CatalogFormPage } from '../../catalog/form-page';

export const metadata: Metadata = { title: 'Edit service' };

export default async function EditServicePage({ params }: { params: Promise<{ area: string; id: string }> }) {
  const { area: requested, id } = await params;
  const { area } = await requireArea(requested);
  const client = await api();
  const service = await mustRead(client.GET('/services/{id}', { params: { path: { id } } }));
  const fields = fieldsWith('service', {});
  return (
    <CatalogFormPage
      area={area}
      resource="service"
      id={id}
      title={`Edit ${service.name}`}
      description={
        service.status === 'terminated' ? 'This service is terminated: it can no longer change.' : undefined
      }
      fields={fields}
      initial={valuesFrom(fields, service)}
      listPath="services"
    />
  );
}
