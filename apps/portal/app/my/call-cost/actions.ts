'use server';

import type { components } from '@tollgate/sdk';
import { redirect } from 'next/navigation';
import { formErrorsOf, type FormErrors } from '../../../lib/api-errors';
import { api, requireArea } from '../../../lib/session';

export interface CallCostState {
  errors?: FormErrors;
  quote?: components['schemas']['CallQuoteDto'];
  values?: { destination: string; minutes: string; seconds: string };
}

/** Prices a call on the user's own plan with the rating engine (the same code that bills the call). */
export async function quoteCall(_previous: CallCostState, form: FormData): Promise<CallCostState> {
  const session = await requireArea('my');
  const values = {
    destination: String(form.get('destination') ?? '').trim(),
    minutes: String(form.get('minutes') ?? '').trim(),
    seconds: String(form.get('seconds') ?? '').trim(),
  };
  const minutes = values.minutes === '' ? 0 : Number(values.minutes);
  const seconds = values.seconds === '' ? 0 : Number(values.seconds);
  if (!Number.isInteger(minutes) || !Number.isInteger(seconds) || minutes < 0 || seconds < 0)
    return {
      values,
      errors: {
        message: 'Some fields need your attention.',
        fields: { durationSeconds: 'minutes and seconds must be whole numbers' },
      },
    };
  const client = await api();
  const { data, error, response } = await client.GET('/accounts/{id}/call-quote', {
    params: {
      path: { id: session.user.accountId! },
      query: { destination: values.destination, durationSeconds: minutes * 60 + seconds },
    },
  });
  if (response.status === 401) redirect('/session-expired');
  if (!data) {
    const errors = formErrorsOf(error, response.status);
    // 422: no rate for this number (or no plan): a fact about the destination, said next to it.
    if (response.status === 422 && Object.keys(errors.fields).length === 0)
      errors.fields.destination = errors.message;
    return { values, errors };
  }
  return { values, quote: data };
}
