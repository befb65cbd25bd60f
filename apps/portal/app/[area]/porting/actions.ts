'use server';

import type { components } from '@tollgate/sdk';
import { redirect } from 'next/navigation';
import { formErrorsOf, type FormErrors } from '../../../lib/api-errors';
import { api, requireArea } from '../../../lib/session';

export interface PortingFormState {
  errors?: FormErrors;
  values?: Record<string, string>;
}

type CreateBody = components['schemas']['CreatePortingRequestDto'];

/** Numbers as people paste them: one per line or separated by commas, spaces and dashes inside dropped. */
function numbersOf(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((number) => number.replace(/[\s()-]/g, ''))
    .filter(Boolean);
}

export async function createPortingRequest(
  area: string,
  _previous: PortingFormState,
  form: FormData,
): Promise<PortingFormState> {
  await requireArea(area);
  const values: Record<string, string> = {};
  form.forEach((value, key) => {
    if (typeof value === 'string' && !key.startsWith('$')) values[key] = value.trim();
  });
  const numbers = numbersOf(values.numbers ?? '');
  const body = {
    direction: values.direction,
    accountId: values.accountId,
    numbers,
    country: values.country?.toUpperCase(),
    losingCarrier: values.losingCarrier,
    gainingCarrier: values.gainingCarrier,
    ...(values.requestedDate ? { requestedDate: values.requestedDate } : {}),
    ...(values.notes ? { notes: values.notes } : {}),
  } as CreateBody;
  const client = await api();
  const { data, error, response } = await client.POST('/porting-requests', { body });
  if (response.status === 401) redirect('/session-expired');
  if (!data) {
    const errors = formErrorsOf(error, response.status);
    // numbers.<i> names one number: shown under the list, saying which.
    for (const [field, reason] of Object.entries(errors.fields)) {
      const index = /^numbers\.(\d+)$/.exec(field)?.[1];
      if (index !== undefined && !errors.fields.numbers)
        errors.fields.numbers = `+${numbers[Number(index)] ?? ''} ${reason}`;
    }
    return { errors, values };
  }
  redirect(`/${area}/porting/${data.id}?done=created`);
}
