import type { Metadata } from 'next';
import { fieldsWith } from '../../../../lib/catalog-fields';
import { api, requireArea } from '../../../../lib/session';
import { CatalogFormPage } from '../../catalog/form-page';
import { templateOptions } from '../../catalog/options';

export const metadata: Metadata = { title: 'New service' };

export default async function NewServicePage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { area } = await requireArea((await params).area);
  const { accountId = '' } = await searchParams;
  const client = await api();
  const templates = await templateOptions(client);
  return (
    <CatalogFormPage
      area={area}
      resource="service"
      id={null}
      title="New service"
      description="A line, trunk or PBX sold to an account; a template fills in its defaults."
      fields={fieldsWith('service', {
        templateId: [{ value: '', label: 'None' }, ...templates],
        status: [
          { value: 'active', label: 'Active' },
          { value: 'suspended', label: 'Suspended' },
        ],
      })}
      initial={{
        accountId,
        templateId: '',
        kind: '',
        name: '',
        status: 'active',
        allowedSourceIps: '',
        techPrefix: '',
        maxChannels: '',
      }}
      listPath="services"
    />
  );
}
