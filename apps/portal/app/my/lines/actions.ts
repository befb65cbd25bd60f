'use server';

import { redirect } from 'next/navigation';
import { api, requireArea } from '../../../lib/session';

export interface NewPasswordState {
  password?: string;
  error?: string;
}

/** A new generated SIP password for one of the user's lines; the API shows it this once only. */
export async function newSipPassword(lineId: string, _previous: NewPasswordState): Promise<NewPasswordState> {
  await requireArea('my');
  const client = await api();
  const { data, response } = await client.POST('/lines/{id}/password', {
    params: { path: { id: lineId } },
    body: {},
  });
  if (response.status === 401) redirect('/session-expired');
  if (response.status === 403) return { error: 'Your login may only read: ask your account administrator.' };
  if (!data) return { error: `The password could not be changed (HTTP ${response.status}).` };
  return { password: data.sipPassword };
}
