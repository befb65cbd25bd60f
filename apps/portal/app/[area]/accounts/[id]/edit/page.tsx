import type { Metadata } from 'next';
import { api, mustRead, requireArea } from '../../../../../lib/session';
import { PageHeader } from '../../../../ui/page-header';
import { AccountForm } from '../../account-form';
import { updateAccount } from '../../actions';
import { planOptions } from '../../form-options';

export const metadata: Metadata = { title: 'Edit account' };

export default async function EditAccountPage({ params }: { params: Promise<{ area: string; id: string }> }) {
  const { area: requested, id } = await params;
  const { area } = await requireArea(requested);
  const client = await api();
  const account = await mustRead(client.GET('/accounts/{id}', { params: { path: { id } } }));
  const plans = await planOptions(client, account.servicePlanId);
  return (
    <>
      <PageHeader title={`Edit ${account.code}`} description={account.name} />
      <AccountForm
        action={updateAccount.bind(null, area, id)}
        creating={false}
        plans={plans}
        owners={[]}
        cancelHref={`/${area}/accounts/${id}`}
        initial={{
          code: account.code,
          name: account.name,
          email: account.email ?? '',
          billingType: account.billingType,
          creditLimit: account.creditLimit,
          status: account.status,
          timezone: account.timezone,
          maxChannels: account.maxChannels === null ? '' : String(account.maxChannels),
          servicePlanId: account.servicePlanId ?? '',
          currency: account.currency,
          tenantId: account.tenantId,
        }}
      />
    </>
  );
}
