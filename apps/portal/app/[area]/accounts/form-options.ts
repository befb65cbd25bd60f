import type { TollgateClient } from '@tollgate/sdk';
import { mustRead } from '../../../lib/session';

/** The active service plans an account can be put on (the first 200), and the one it is on. */
export async function planOptions(client: TollgateClient, current: string | null = null) {
  const plans = await mustRead(client.GET('/service-plans', { params: { query: { limit: 200 } } }));
  return plans.data
    .filter((plan) => plan.active || plan.id === current)
    .map((plan) => ({ value: plan.id, label: `${plan.name} (${plan.currency})` }));
}

/** Who may own a new account: the caller's tenant, or a reseller below it. */
export async function ownerOptions(client: TollgateClient) {
  const resellers = await mustRead(
    client.GET('/resellers', { params: { query: { limit: 200, sort: 'name' } } }),
  );
  return [
    { value: '', label: 'My own customers' },
    ...resellers.data.map((reseller) => ({ value: reseller.id, label: `Reseller: ${reseller.name}` })),
  ];
}
