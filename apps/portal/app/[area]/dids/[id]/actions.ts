'use server';

import { redirect } from 'next/navigation';
import { formErrorsOf, type FormErrors } from '../../../../lib/api-errors';
import { api, requireArea } from '../../../../lib/session';
import { dayRange } from '../../../../lib/time-range';

export interface DidFormState {
  errors?: FormErrors;
  values?: Record<string, string>;
}

type Answer = { data?: unknown; error?: unknown; response: Response };

function valuesOf(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  form.forEach((value, key) => {
    if (typeof value === 'string' && !key.startsWith('$')) values[key] = value.trim();
  });
  return values;
}

/** The API's answer to a move: done → back to the number with a banner; refused → the reasons at the fields. */
async function settle(area: string, id: string, done: string, form: FormData, answer: Answer) {
  if (answer.response.status === 401) redirect('/session-expired');
  if (answer.data === undefined) {
    const errors = formErrorsOf(answer.error, answer.response.status);
    if (answer.response.status === 409) errors.message = `Not possible now: ${errors.message}`;
    // The route's fields arrive as route.lineId / route.uri: shown under the form's own fields.
    for (const [field, reason] of Object.entries(errors.fields))
      if (field.startsWith('route.')) errors.fields[field.slice('route.'.length)] = reason;
    return { errors, values: valuesOf(form) };
  }
  redirect(`/${area}/dids/${id}?done=${done}`);
}

export async function reserveDid(area: string, id: string, _previous: DidFormState, form: FormData) {
  await requireArea(area);
  const values = valuesOf(form);
  // A reservation holds the number to the end of the chosen day (UTC).
  const until = dayRange(null, values.until);
  if (!values.until || until.errors.to)
    return {
      errors: {
        message: 'Some fields need your attention.',
        fields: { until: 'must be a date, e.g. 2027-01-31' },
      },
      values,
    };
  const client = await api();
  const answer = await client.POST('/dids/{id}/reserve', {
    params: { path: { id } },
    body: { accountId: values.accountId ?? '', until: until.to! },
  });
  return settle(area, id, 'reserved', form, answer);
}

export async function assignDid(area: string, id: string, _previous: DidFormState, form: FormData) {
  await requireArea(area);
  const values = valuesOf(form);
  const route =
    values.routeKind === 'uri'
      ? { kind: 'uri' as const, uri: values.uri ?? '' }
      : { kind: 'line' as const, ...(values.lineId ? { lineId: values.lineId } : {}) };
  const client = await api();
  const answer = await client.POST('/dids/{id}/assign', {
    params: { path: { id } },
    body: { accountId: values.accountId ?? '', route },
  });
  return settle(area, id, 'assigned', form, answer);
}

export async function releaseDid(area: string, id: string, _previous: DidFormState, form: FormData) {
  await requireArea(area);
  const values = valuesOf(form);
  const client = await api();
  const answer = await client.POST('/dids/{id}/release', {
    params: { path: { id } },
    body: values.note ? { note: values.note } : {},
  });
  return settle(area, id, 'released', form, answer);
}
