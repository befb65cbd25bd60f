import type { Metadata } from 'next';
import { fieldsWith } from '../../../../lib/catalog-fields';
import { api, requireArea } from '../../../../lib/session';
import { CatalogForm } from '../../../ui/catalog-form';
import { PageHeader } from '../../../ui/page-header';
import { saveCatalogObject } from '../../catalog-actions';
import { tenantOptions } from '../../catalog/options';

export const metadata: Metadata = { title: 'New rate card' };

export default async function NewRateCardPage({ params }: { params: Promise<{ area: string }> }) {
  const { area } = await requireArea((await params).area);
  const tenants = await tenantOptions(await api());
  return (
    <>
      <PageHeader title="New rate card" description="Then import its rates from a CSV or XLSX deck." />
      <CatalogForm
        action={saveCatalogObject.bind(null, area, 'rateCard', null, '')}
        fields={fieldsWith('rateCard', { tenantId: tenants })}
        initial={{ name: '', kind: 'sell', currency: '', timezone: '', description: '', tenantId: '' }}
        editing={false}
        submitLabel="Create rate card"
        cancelHref={`/${area}/rate-cards`}
      />
    </>
  );
}
