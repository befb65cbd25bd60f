import type { Metadata } from 'next';
import { fieldsWith } from '../../../../lib/catalog-fields';
import { api, requireArea } from '../../../../lib/session';
import { CatalogForm } from '../../../ui/catalog-form';
import { PageHeader } from '../../../ui/page-header';
import { saveCatalogObject } from '../../catalog-actions';
import { NONE, rateCardOptions, tenantOptions } from '../../catalog/options';

export const metadata: Metadata = { title: 'New vendor' };

export default async function NewVendorPage({ params }: { params: Promise<{ area: string }> }) {
  const { area } = await requireArea((await params).area);
  const client = await api();
  const [tenants, cards] = await Promise.all([tenantOptions(client), rateCardOptions(client, 'buy')]);
  return (
    <>
      <PageHeader title="New vendor" description="Then add its SIP trunks." />
      <CatalogForm
        action={saveCatalogObject.bind(null, area, 'vendor', null, '')}
        fields={fieldsWith('vendor', { tenantId: tenants, buyRateCardId: [NONE, ...cards] })}
        initial={{
          name: '',
          currency: '',
          buyRateCardId: '',
          priority: '0',
          weight: '1',
          qualityScore: '',
          blockedPrefixes: '',
          notes: '',
          enabled: 'on',
          tenantId: '',
        }}
        editing={false}
        submitLabel="Create vendor"
        cancelHref={`/${area}/vendors`}
      />
    </>
  );
}
