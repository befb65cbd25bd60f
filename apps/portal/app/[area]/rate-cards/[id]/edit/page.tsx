import type { Metadata } from 'next';
import { fieldsWith } from '../../../../../lib/catalog-fields';
import { valuesFrom } from '../../../../../lib/catalog-forms';
import { api, mustRead, requireArea } from '../../../../../lib/session';
import { CatalogForm } from '../../../../ui/catalog-form';
import { PageHeader } from '../../../../ui/page-header';
import { saveCatalogObject } from '../../../catalog-actions';

export const metadata: Metadata = { title: 'Edit rate card' };

export default async function EditRateCardPage({
  params,
}: {
  params: Promise<{ area: string; id: string }>;
}) {
  const { area: requested, id } = await params;
  const { area } = await requireArea(requested);
  const client = await api();
  const card = await mustRead(client.GET('/rate-cards/{id}', { params: { path: { id } } }));
  const fields = fieldsWith('rateCard', {});
  return (
    <>
      <PageHeader
        title={`Edit ${card.name}`}
        description="Kind and currency are fixed while a plan, vendor or reseller uses the card."
      />
      <CatalogForm
        action={saveCatalogObject.bind(null, area, 'rateCard', id, '')}
        fields={fields}
        initial={valuesFrom(fields, card)}
        editing
        submitLabel="Save changes"
        cancelHref={`/${area}/rate-cards/${id}`}
      />
    </>
  );
}
