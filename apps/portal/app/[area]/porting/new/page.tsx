import type { Metadata } from 'next';
import { currentBrand, requireArea } from '../../../../lib/session';
import { PageHeader } from '../../../ui/page-header';
import { createPortingRequest } from '../actions';
import { PortingRequestForm } from './porting-request-form';

export const metadata: Metadata = { title: 'New porting request' };

export default async function NewPortingRequestPage({ params }: { params: Promise<{ area: string }> }) {
  const { area } = await requireArea((await params).area);
  const brand = await currentBrand();
  return (
    <>
      <PageHeader
        title="New porting request"
        description="Saved as a draft: add documents (the letter of authorisation, a bill) and submit it."
      />
      <PortingRequestForm
        action={createPortingRequest.bind(null, area)}
        cancelHref={`/${area}/porting`}
        gainingCarrier={brand.name}
      />
    </>
  );
}
