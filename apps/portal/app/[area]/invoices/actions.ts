'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formErrorsOf, type FormErrors } from '../../../lib/api-errors';
import { api, requireArea } from '../../../lib/session';

export interface IssueInvoiceState {
  errors?: FormErrors;
  values?: { accountId: string; month: string };
  /** The invoice the API answered with: just issued, or the one issued before for that account and month. */
  issued?: { id: string; number: string; alreadyIssued: boolean };
}

/** Issues an account's invoice for an ended month; issuing the same account and month again returns it. */
export async function issueInvoice(
  area: string,
  _previous: IssueInvoiceState,
  form: FormData,
): Promise<IssueInvoiceState> {
  await requireArea(area);
  const values = {
    accountId: String(form.get('accountId') ?? ''),
    month: String(form.get('month') ?? '').trim(),
  };
  const client = await api();
  const { data, error, response } = await client.POST('/invoices', { body: values });
  if (response.status === 401) redirect('/session-expired');
  if (!data) {
    const errors = formErrorsOf(error, response.status);
    if (response.status === 403)
      errors.message = 'Your login may not issue invoices: ask a billing or admin user.';
    if (response.status === 404) errors.fields.accountId = 'is not one of your accounts';
    return { errors, values };
  }
  revalidatePath(`/${area}/invoices`);
  return { issued: { id: data.id, number: data.number, alreadyIssued: response.status === 200 } };
}
