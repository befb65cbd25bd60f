import type { Metadata } from 'next';
import { fieldsWith } from '../../../../lib/catalog-fields';
import { api, requireArea } from '../../../../lib/session';
import { CatalogFormPage } from '../../catalog/form-page';
import { NONE, servicePlanOptions, tenantOptions } from '../../catalog/options';

export const metadata: Metadata = { title: 'New service template' };

export default async function NewServiceTemplatePage({ params }: { params: Promise<{ area: string }> }) {
  const { area } = await requireArea((await params).area);
  const client = await api();
  const [tenants, plans] = await Promise.all([tenantOptions(client), servicePlanOptions(client)]);
  return (
    <CatalogFormPage
      area={area}
      resource="serviceTemplate"
      id={null}
      title="New service template"
      description="A product you sell (a home line, a SIP trunk, a hosted PBX) with its defaults."
      fields={fieldsWith('serviceTemplate', { tenantId: tenants, servicePlanId: [NONE, ...plans] })}
      initial={{
        name: '',
        kind: 'subscriber_line',
        servicePlanId: '',
        maxChannels: '',
        description: '',
        active: 'on',
        tenantId: '',
      }}
      listPath="service-templates"
    />
  );
}
