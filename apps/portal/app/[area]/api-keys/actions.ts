'use server';

import type { components } from '@tollgate/sdk';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formErrorsOf, type FormErrors } from '../../../lib/api-errors';
import { api, requireArea } from '../../../lib/session';
import { textOf, utcMomentOf, valuesOf } from '../../ui/form-values';

export interface ApiKeyFormState {
  errors?: FormErrors;
  values?: Record<string, string>;
  checked?: string[];
  /** The new key: in this answer only, never stored by the portal nor put in a URL. */
  created?: { name: string; key: string; serial: number };
}

type CreateBody = components['schemas']['CreateApiKeyDto'];

export async function createApiKey(
  area: string,
  _previous: ApiKeyFormState,
  form: FormData,
): Promise<ApiKeyFormState> {
  await requireArea(area);
  const permissions = form.getAll('permissions').map(String);
  const body: Record<string, unknown> = { name: textOf(form, 'name'), permissions };
  if (textOf(form, 'expiresAt')) body.expiresAt = utcMomentOf(textOf(form, 'expiresAt'));
  const client = await api();
  const { data, error, response } = await client.POST('/api-keys', { body: body as CreateBody });
  if (response.status === 401) redirect('/session-expired');
  if (!data)
    return { errors: formErrorsOf(error, response.status), values: valuesOf(form), checked: permissions };
  revalidatePath(`/${area}/api-keys`);
  return { created: { name: data.name, key: data.key, serial: Date.now() } };
}

export async function revokeApiKey(area: string, id: string): Promise<void> {
  await requireArea(area);
  const client = await api();
  const { data, response } = await client.POST('/api-keys/{id}/revoke', { params: { path: { id } } });
  if (response.status === 401) redirect('/session-expired');
  revalidatePath(`/${area}/api-keys`);
  redirect(
    data ? `/${area}/api-keys?revoked=${encodeURIComponent(data.name)}` : `/${area}/api-keys?failed=1`,
  );
}
