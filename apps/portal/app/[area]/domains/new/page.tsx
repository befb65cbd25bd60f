import type { Metadata } from 'next';
import { fieldsWith } from '../../../../lib/catalog-fields';
import { api, requireArea } from '../../../../lib/session';
import { CatalogFormPage } from '../../catalog/form-page';
import { tenantOptions } from '../../catalog/options';

export const metadata: Metadata = { title: 'New domain' };

export default async function NewDomainPage({ params }: { params: Promise<{ area: string }> }) {
  const { area } = await requireArea((await params).area);
  const tenants = await tenantOptions(await api());
  return (
    <CatalogFormPage
      area={area}
      resource="domain"
      id={null}
      title="New domain"
      description="A SIP domain your lines register to."
      fields={fieldsWith('domain', { tenantId: tenants })}
      initial={{ name: '', description: '', enabled: 'on', tenantId: '' }}
      listPath="domains"
    />
  );
}
