import type { Metadata } from 'next';
import { api, requireArea } from '../../../../lib/session';
import { PageHeader } from '../../../ui/page-header';
import { createAccount } from '../actions';
import { AccountForm } from '../account-form';
import { ownerOptions, planOptions } from '../form-options';

export const metadata: Metadata = { title: 'New account' };

export default async function NewAccountPage({ params }: { params: Promise<{ area: string }> }) {
  const { area } = await requireArea((await params).area);
  const client = await api();
  const [plans, owners] = await Promise.all([planOptions(client), ownerOptions(client)]);
  return (
    <>
      <PageHeader title="New account" description="A customer with its own balance, lines and numbers." />
      <AccountForm
        action={createAccount.bind(null, area)}
        creating
        plans={plans}
        owners={owners}
        cancelHref={`/${area}/accounts`}
        initial={{
          code: '',
          name: '',
          email: '',
          billingType: 'prepaid',
          creditLimit: '',
          status: 'active',
          timezone: '',
          maxChannels: '',
          servicePlanId: '',
          currency: '',
          tenantId: '',
        }}
      />
    </>
  );
}
