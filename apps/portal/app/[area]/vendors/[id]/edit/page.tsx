import type { Metadata } from 'next';
import { fieldsWith } from '../../../../../lib/catalog-fields';
import { valuesFrom } from '../../../../../lib/catalog-forms';
import { api, mustRead, requireArea } from '../../../../../lib/session';
import { CatalogForm } from '../../../../ui/catalog-form';
import { PageHeader } from '../../../../ui/page-header';
import { saveCatalogObject } from '../../../catalog-actions';
import { NONE, rateCardOptions } from '../../../catalog/options';

export const metadata: Metadata = { title: 'Edit vendor' };

export default async function EditVendorPage({ params }: { params: Promise<{ area: string; id: string }> }) {
  const { area: requested, id } = await params;
  const { area } = await requireArea(requested);
  const client = await api();
  const [vendor, cards] = await Promise.all([
    mustRead(client.GET('/vendors/{id}', { params: { path: { id } } })),
    rateCardOptions(client, 'buy'),
  ]);
  const fields = fieldsWith('vendor', { buyRateCardId: [NONE, ...cards] });
  return (
    <>
      <PageHeader title={`Edit ${vendor.name}`} />
      <CatalogForm
        action={saveCatalogObject.bind(null, area, 'vendor', id, '')}
        fields={fields}
        initial={valuesFrom(fields, vendor)}
        editing
        submitLabel="Save changes"
        cancelHref={`/${area}/vendors/${id}`}
      />
    </>
  );
}
