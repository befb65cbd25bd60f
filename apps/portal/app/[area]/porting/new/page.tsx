import type { Metadata } from 'next';
import { api, currentBrand, mustRead, requireArea } from '../../../../lib/session';
import { PageHeader } from '../../../ui/page-header';
import { createPortingRequest } from '../actions';
import { PortingRequestForm } from './porting-request-form';

export const metadata: Metadata = { title: 'New porting request' };

export default async function NewPortingRequestPage({ params }: { params: Promise<{ area: string }> }) {
  const { area } = await requireArea((await params).area);
  const client = await api();
  const [accounts, brand] = await Promise.all([
    mustRead(client.GET('/accounts', { params: { query: { limit: 200, sort: 'code', order: 'asc' } } })),
    currentBrand(),
  ]);
  return (
    <>
      <PageHeader
        title="New porting request"
        description="Saved as a draft: add documents (the letter of authorisation, a bill) and submit it."
      />
      <PortingRequestForm
        action={createPortingRequest.bind(null, area)}
        accounts={accounts.data.map((a) => ({ value: a.id, label: `${a.code} · ${a.name}` }))}
        cancelHref={`/${area}/porting`}
        gainingCarrier={brand.name}
      />
    </>
  );
}
