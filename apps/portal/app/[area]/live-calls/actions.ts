'use server';

import { revalidatePath } from 'next/cache';
import { api, requireSession } from '../../../lib/session';

export interface CallActionResult {
  ok: boolean;
  message: string;
}

/** Ends one call: call control sends BYE to both sides through Kamailio. */
export async function killCall(accountId: string, callId: string): Promise<CallActionResult> {
  await requireSession();
  const client = await api();
  const { response } = await client.DELETE('/accounts/{id}/live-calls/{callId}', {
    params: { path: { id: accountId, callId } },
  });
  revalidatePath('/', 'layout');
  if (response.ok) return { ok: true, message: 'The call is being ended.' };
  if (response.status === 404) return { ok: false, message: 'That call has already ended.' };
  return { ok: false, message: `The call could not be ended (HTTP ${response.status}).` };
}

export async function terminateAll(accountId: string): Promise<CallActionResult> {
  await requireSession();
  const client = await api();
  const { response } = await client.POST('/accounts/{id}/live-calls/terminate', {
    params: { path: { id: accountId } },
  });
  revalidatePath('/', 'layout');
  if (response.ok) return { ok: true, message: 'Every call of the account is being ended.' };
  return { ok: false, message: `The calls could not be ended (HTTP ${response.status}).` };
}
