'use server';

import type { components } from '@tollgate/sdk';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formErrorsOf, type FormErrors } from '../../../lib/api-errors';
import { api, requireArea } from '../../../lib/session';
import { textOf, valuesOf } from '../../ui/form-values';

export interface AdministratorFormState {
  errors?: FormErrors;
  values?: Record<string, string>;
}

type CreateBody = components['schemas']['CreateUserDto'];
type UpdateBody = components['schemas']['UpdateUserDto'];

/** A staff login of the caller's own tenant (never an end user: those belong to an account). */
export async function createAdministrator(
  area: string,
  _previous: AdministratorFormState,
  form: FormData,
): Promise<AdministratorFormState> {
  const session = await requireArea(area);
  const body = {
    email: textOf(form, 'email'),
    displayName: textOf(form, 'displayName'),
    role: textOf(form, 'role'),
    password: String(form.get('password') ?? ''),
    active: true,
    tenantId: session.user.tenantId,
  };
  const client = await api();
  const { data, error, response } = await client.POST('/users', { body: body as CreateBody });
  if (response.status === 401) redirect('/session-expired');
  // The password is never given back to the browser, even to show the form again.
  if (!data)
    return { errors: formErrorsOf(error, response.status), values: { ...valuesOf(form), password: '' } };
  revalidatePath(`/${area}/administrators`);
  redirect(`/${area}/administrators?created=${encodeURIComponent(data.email)}`);
}

export async function updateAdministrator(
  area: string,
  id: string,
  _previous: AdministratorFormState,
  form: FormData,
): Promise<AdministratorFormState> {
  await requireArea(area);
  const body = { displayName: textOf(form, 'displayName'), role: textOf(form, 'role') };
  const client = await api();
  const { data, error, response } = await client.PATCH('/users/{id}', {
    params: { path: { id } },
    body: body as UpdateBody,
  });
  if (response.status === 401) redirect('/session-expired');
  if (!data) return { errors: formErrorsOf(error, response.status), values: valuesOf(form) };
  revalidatePath(`/${area}/administrators`);
  redirect(`/${area}/administrators/${id}?saved=1`);
}

export interface ActivationState {
  message?: string;
}

/** Deactivating ends the user's sessions at once; the API refuses one's own login and a tenant's last admin. */
export async function setAdministratorActive(
  area: string,
  id: string,
  active: boolean,
  _previous: ActivationState,
): Promise<ActivationState> {
  await requireArea(area);
  const client = await api();
  const { data, error, response } = await client.PATCH('/users/{id}', {
    params: { path: { id } },
    body: { active },
  });
  if (response.status === 401) redirect('/session-expired');
  if (!data) return { message: formErrorsOf(error, response.status).message };
  revalidatePath(`/${area}/administrators`);
  redirect(`/${area}/administrators/${id}?${active ? 'reactivated' : 'deactivated'}=1`);
}
