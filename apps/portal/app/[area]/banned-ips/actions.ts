'use server';

import type { components } from '@tollgate/sdk';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formErrorsOf, type FormErrors } from '../../../lib/api-errors';
import { api, requireArea } from '../../../lib/session';
import { textOf, utcMomentOf, valuesOf } from '../../ui/form-values';

export interface BanFormState {
  errors?: FormErrors;
  values?: Record<string, string>;
  /** Set after a ban: what was banned, and a new key so the form starts empty again. */
  banned?: { cidr: string; serial: number };
}

type CreateBody = components['schemas']['CreateBannedIpDto'];

export async function banIp(area: string, _previous: BanFormState, form: FormData): Promise<BanFormState> {
  await requireArea(area);
  const body: Record<string, unknown> = { cidr: textOf(form, 'cidr') };
  if (textOf(form, 'reason')) body.reason = textOf(form, 'reason');
  if (textOf(form, 'expiresAt')) body.expiresAt = utcMomentOf(textOf(form, 'expiresAt'));
  const client = await api();
  const { data, error, response } = await client.POST('/banned-ips', { body: body as CreateBody });
  if (response.status === 401) redirect('/session-expired');
  if (!data) return { errors: formErrorsOf(error, response.status), values: valuesOf(form) };
  revalidatePath(`/${area}`, 'layout');
  return { banned: { cidr: data.cidr, serial: Date.now() } };
}

/** Lifts a ban; the audit log keeps who banned and who lifted it. */
export async function unbanIp(area: string, id: string, cidr: string): Promise<void> {
  await requireArea(area);
  const client = await api();
  const { response } = await client.DELETE('/banned-ips/{id}', { params: { path: { id } } });
  if (response.status === 401) redirect('/session-expired');
  // Already lifted (404) is what the user wanted; anything else is said on the page.
  const outcome = response.ok || response.status === 404 ? `lifted=${encodeURIComponent(cidr)}` : 'failed=1';
  revalidatePath(`/${area}`, 'layout');
  redirect(`/${area}/banned-ips?${outcome}`);
}
