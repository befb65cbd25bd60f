'use server';

import { revalidatePath } from 'next/cache';
import { api, requireArea } from '../../../../lib/session';
import { postTopUp, type TopUpState } from '../../../../lib/top-up';

/** Credits a payment to the account. */
export async function topUp(
  area: string,
  accountId: string,
  _previous: TopUpState,
  form: FormData,
): Promise<TopUpState> {
  await requireArea(area);
  const client = await api();
  const state = await postTopUp(form, (body) =>
    client.POST('/accounts/{id}/top-ups', { params: { path: { id: accountId } }, body }),
  );
  if (state.credited) revalidatePath(`/${area}/accounts/${accountId}`);
  return state;
}
