import type { Metadata } from 'next';
import { requireArea } from '../../../lib/session';
import { PageHeader } from '../../ui/page-header';
import { CallCostForm } from './call-cost-form';

export const metadata: Metadata = { title: 'What will this call cost' };

export default async function CallCostPage() {
  await requireArea('my');
  return (
    <>
      <PageHeader
        title="What will this call cost?"
        description="Priced on your plan by the same engine that bills your calls."
      />
      <CallCostForm />
    </>
  );
}
