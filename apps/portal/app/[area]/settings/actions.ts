'use server';

import type { components } from '@tollgate/sdk';
import { redirect } from 'next/navigation';
import { formErrorsOf, type FormErrors } from '../../../lib/api-errors';
import { api, requireArea } from '../../../lib/session';

export interface SettingsState {
  errors?: FormErrors;
  values?: Record<string, string>;
}

const NULLABLE = ['brandName', 'logoUrl', 'primaryColor', 'accentColor', 'supportEmail'] as const;
const REQUIRED = ['defaultCurrency', 'defaultTimezone', 'taxRate'] as const;

/** Saves the caller's own brand and defaults; a blank brand field clears it (the tenant's name is used). */
export async function saveSettings(
  area: string,
  _previous: SettingsState,
  form: FormData,
): Promise<SettingsState> {
  await requireArea(area);
  const values: Record<string, string> = {};
  const body: Record<string, string | null> = {};
  for (const name of [...NULLABLE, ...REQUIRED]) {
    values[name] = String(form.get(name) ?? '').trim();
    body[name] = values[name] === '' && (NULLABLE as readonly string[]).includes(name) ? null : values[name];
  }
  const client = await api();
  const { data, error, response } = await client.PATCH('/settings', {
    body: body as components['schemas']['UpdateOwnSettingsDto'],
  });
  if (response.status === 401) redirect('/session-expired');
  if (!data) {
    const errors = formErrorsOf(error, response.status);
    if (response.status === 403)
      errors.message = 'Only an administrator of your company may change these settings.';
    return { errors, values };
  }
  redirect(`/${area}/settings?saved=1`);
}
