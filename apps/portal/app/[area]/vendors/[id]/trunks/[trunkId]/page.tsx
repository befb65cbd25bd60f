import type { Metadata } from 'next';
import { fieldsWith } from '../../../../../../lib/catalog-fields';
import { valuesFrom } from '../../../../../../lib/catalog-forms';
import { api, mustRead, requireArea } from '../../../../../../lib/session';
import { CatalogForm } from '../../../../../ui/catalog-form';
import { PageHeader } from '../../../../../ui/page-header';
import { saveCatalogObject } from '../../../../catalog-actions';

export const metadata: Metadata = { title: 'Edit trunk' };

export default async function EditTrunkPage({
  params,
}: {
  params: Promise<{ area: string; id: string; trunkId: string }>;
}) {
  const { area: requested, id, trunkId } = await params;
  const { area } = await requireArea(requested);
  const client = await api();
  const [vendor, trunk] = await Promise.all([
    mustRead(client.GET('/vendors/{id}', { params: { path: { id } } })),
    mustRead(client.GET('/vendors/{id}/trunks/{trunkId}', { params: { path: { id, trunkId } } })),
  ]);
  const fields = fieldsWith('trunk', {});
  return (
    <>
      <PageHeader title={`Edit trunk ${trunk.name}`} description={`${vendor.name} · ${trunk.gatewayUri}`} />
      <CatalogForm
        action={saveCatalogObject.bind(null, area, 'trunk', trunkId, id)}
        fields={fields}
        initial={valuesFrom(fields, trunk)}
        editing
        submitLabel="Save trunk"
        cancelHref={`/${area}/vendors/${id}`}
      />
    </>
  );
}
