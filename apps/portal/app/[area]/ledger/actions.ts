'use server';

import { revalidatePath } from 'next/cache';
import { api, requireArea } from '../../../lib/session';
import { postTopUp, type TopUpState } from '../../../lib/top-up';

/** Credits what a reseller below the caller paid to its balance with the caller. */
export async function topUpReseller(
  area: string,
  resellerId: string,
  _previous: TopUpState,
  form: FormData,
): Promise<TopUpState> {
  await requireArea(area);
  const client = await api();
  const state = await postTopUp(form, (body) =>
    client.POST('/resellers/{id}/top-ups', { params: { path: { id: resellerId } }, body }),
  );
  if (state.credited) revalidatePath(`/${area}/ledger`);
  return state;
}
