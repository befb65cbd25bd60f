'use server';

import { randomUUID } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formErrorsOf, type FormErrors } from '../../../lib/api-errors';
import { api, requireArea } from '../../../lib/session';

export interface ResellerTopUpState {
  errors?: FormErrors;
  values?: { amount: string; reference: string; description: string };
  /** The amount credited, as the API answered it. */
  credited?: string;
  /** The key of the next submission: the same after a refusal (nothing was written), a new one after a credit. */
  nextKey?: string;
}

/**
 * Credits what a reseller below the caller paid to its balance with the caller. The idempotency key
 * comes with the form, so a double click or a resubmitted form credits once.
 */
export async function topUpReseller(
  area: string,
  resellerId: string,
  _previous: ResellerTopUpState,
  form: FormData,
): Promise<ResellerTopUpState> {
  await requireArea(area);
  const key = String(form.get('idempotencyKey') ?? '');
  const values = {
    amount: String(form.get('amount') ?? '').trim(),
    reference: String(form.get('reference') ?? '').trim(),
    description: String(form.get('description') ?? '').trim(),
  };
  const client = await api();
  const { data, error, response } = await client.POST('/resellers/{id}/top-ups', {
    params: { path: { id: resellerId } },
    body: {
      amount: values.amount,
      idempotencyKey: key,
      ...(values.reference ? { reference: values.reference } : {}),
      ...(values.description ? { description: values.description } : {}),
    },
  });
  if (response.status === 401) redirect('/session-expired');
  if (!data) {
    const errors = formErrorsOf(error, response.status);
    if (response.status === 403)
      errors.message = 'Your login may not post money: ask a billing or admin user.';
    return { errors, values, nextKey: key };
  }
  revalidatePath(`/${area}/ledger`);
  return { credited: data.amount, nextKey: randomUUID() };
}
