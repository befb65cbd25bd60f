'use server';

import type { components } from '@tollgate/sdk';
import { redirect } from 'next/navigation';
import { formErrorsOf, type FormErrors } from '../../../lib/api-errors';
import { api, requireArea } from '../../../lib/session';

export interface AccountFormState {
  errors?: FormErrors;
  values?: Record<string, string>;
}

type CreateBody = components['schemas']['CreateAccountDto'];
type UpdateBody = components['schemas']['UpdateAccountDto'];

/** The form's text as the API's fields: blanks left out (create) or cleared (edit), the rest as typed. */
function accountFields(form: FormData, clearing: boolean): Record<string, unknown> {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const body: Record<string, unknown> = {};
  const set = (name: string, value: unknown) => {
    if (value !== '' && value !== undefined) body[name] = value;
  };
  set('code', text('code'));
  set('name', text('name'));
  body.email = text('email') || (clearing ? null : undefined);
  set('billingType', text('billingType'));
  set('status', text('status'));
  set('timezone', text('timezone'));
  if (text('billingType') === 'postpaid') set('creditLimit', text('creditLimit'));
  // A whole number goes as one; anything else goes as typed, so the API names what is wrong with it.
  const channels = text('maxChannels');
  body.maxChannels =
    channels === '' ? (clearing ? null : undefined) : /^\d+$/.test(channels) ? Number(channels) : channels;
  body.servicePlanId = text('servicePlanId') || (clearing ? null : undefined);
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

function valuesOf(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  form.forEach((value, key) => {
    if (typeof value === 'string' && !key.startsWith('$')) values[key] = value;
  });
  return values;
}

export async function createAccount(
  area: string,
  _previous: AccountFormState,
  form: FormData,
): Promise<AccountFormState> {
  await requireArea(area);
  const body = accountFields(form, false);
  const currency = String(form.get('currency') ?? '').trim();
  const tenantId = String(form.get('tenantId') ?? '').trim();
  if (currency) body.currency = currency;
  if (tenantId) body.tenantId = tenantId;
  const client = await api();
  const { data, error, response } = await client.POST('/accounts', { body: body as CreateBody });
  if (response.status === 401) redirect('/session-expired');
  if (!data) return { errors: formErrorsOf(error, response.status), values: valuesOf(form) };
  redirect(`/${area}/accounts/${data.id}?created=1`);
}

export async function updateAccount(
  area: string,
  id: string,
  _previous: AccountFormState,
  form: FormData,
): Promise<AccountFormState> {
  await requireArea(area);
  const client = await api();
  const { data, error, response } = await client.PATCH('/accounts/{id}', {
    params: { path: { id } },
    body: accountFields(form, true) as UpdateBody,
  });
  if (response.status === 401) redirect('/session-expired');
  if (!data) return { errors: formErrorsOf(error, response.status), values: valuesOf(form) };
  redirect(`/${area}/accounts/${id}?saved=1`);
}
