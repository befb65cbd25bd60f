import type { Metadata } from 'next';
import { fieldsWith } from '../../../../lib/catalog-fields';
import { api, requireArea } from '../../../../lib/session';
import { CatalogForm } from '../../../ui/catalog-form';
import { PageHeader } from '../../../ui/page-header';
import { saveCatalogObject } from '../../catalog-actions';
import { tenantOptions } from '../../catalog/options';

export const metadata: Metadata = { title: 'New routing plan' };

export default async function NewRoutingPlanPage({ params }: { params: Promise<{ area: string }> }) {
  const { area } = await requireArea((await params).area);
  const tenants = await tenantOptions(await api());
  return (
    <>
      <PageHeader title="New routing plan" description="Then give it vendors and prefix rules." />
      <CatalogForm
        action={saveCatalogObject.bind(null, area, 'routingPlan', null, '')}
        fields={fieldsWith('routingPlan', { tenantId: tenants })}
        initial={{
          name: '',
          strategy: 'lcr',
          marginGuardPercent: '',
          marginGuardAmount: '',
          maxVendors: '3',
          allowLoss: '',
          tenantId: '',
        }}
        editing={false}
        submitLabel="Create routing plan"
        cancelHref={`/${area}/routing-plans`}
      />
    </>
  );
}
