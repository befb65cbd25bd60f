'use server';

import { redirect } from 'next/navigation';
import { formErrorsOf, type FormErrors } from '../../../../lib/api-errors';
import { API_URL } from '../../../../lib/api-url';
import { forwardedForUser } from '../../../../lib/client-address';
import { api, requireArea } from '../../../../lib/session';

export interface PortingStepState {
  errors?: FormErrors;
  values?: Record<string, string>;
}

export type PortingStep = 'submit' | 'accept' | 'reject' | 'complete' | 'cancel' | 'note';

const STEP_PATHS = {
  submit: '/porting-requests/{id}/submit',
  accept: '/porting-requests/{id}/accept',
  reject: '/porting-requests/{id}/reject',
  complete: '/porting-requests/{id}/complete',
  cancel: '/porting-requests/{id}/cancel',
  note: '/porting-requests/{id}/notes',
} as const;

const STEP_VERBS: Record<PortingStep, string> = {
  submit: 'submitted',
  accept: 'accepted',
  reject: 'rejected',
  complete: 'completed',
  cancel: 'cancelled',
  note: 'given this note',
};

/** A datetime-local value (no zone) read as UTC, as the form's label says; anything else goes as typed. */
function utcMoment(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00.000Z` : value;
}

function bodyOf(step: PortingStep, values: Record<string, string>): Record<string, string> {
  const note: Record<string, string> = values.note ? { note: values.note } : {};
  if (step === 'accept') return { scheduledAt: utcMoment(values.scheduledAt ?? ''), ...note };
  if (step === 'reject') return { reason: values.reason ?? '' };
  if (step === 'note') return { note: values.note ?? '' };
  return note;
}

/**
 * One move of the request's workflow. The API decides what is allowed: a move the request's status
 * no longer permits (another user moved it meanwhile) answers 409, shown as such above the form.
 */
export async function movePortingRequest(
  area: string,
  id: string,
  step: PortingStep,
  _previous: PortingStepState,
  form: FormData,
): Promise<PortingStepState> {
  await requireArea(area);
  const values: Record<string, string> = {};
  form.forEach((value, key) => {
    if (typeof value === 'string' && !key.startsWith('$')) values[key] = value.trim();
  });
  const client = await api();
  const { data, error, response } = await client.POST(STEP_PATHS[step], {
    params: { path: { id } },
    body: bodyOf(step, values) as never,
  });
  if (response.status === 401) redirect('/session-expired');
  if (!data) {
    const errors = formErrorsOf(error, response.status);
    if (response.status === 409)
      errors.message = `This request cannot be ${STEP_VERBS[step]} now: ${errors.message}. Reload the page to see where it stands.`;
    return { errors, values };
  }
  redirect(`/${area}/porting/${id}?done=${step}`);
}

/** Uploads a document as the API takes it (multipart, one part "file"); the API checks type and size. */
export async function uploadPortingDocument(
  area: string,
  id: string,
  _previous: PortingStepState,
  form: FormData,
): Promise<PortingStepState> {
  const session = await requireArea(area);
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0)
    return {
      errors: { message: 'Choose a file to upload.', fields: { file: 'choose a PDF, PNG or JPEG file' } },
    };
  const upload = new FormData();
  upload.set('file', file, file.name);
  const response = await fetch(`${API_URL}/porting-requests/${encodeURIComponent(id)}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.accessToken}`, ...(await forwardedForUser()) },
    body: upload,
  });
  if (response.status === 401) redirect('/session-expired');
  if (!response.ok) {
    const errors = formErrorsOf(await response.json().catch(() => ({})), response.status);
    const reason = Object.values(errors.fields)[0] ?? errors.message;
    return { errors: { message: `${file.name} was not added: ${reason}`, fields: { file: reason } } };
  }
  redirect(`/${area}/porting/${id}?done=document`);
}

export async function deletePortingDocument(
  area: string,
  id: string,
  documentId: string,
  _previous: PortingStepState,
): Promise<PortingStepState> {
  await requireArea(area);
  const client = await api();
  const { error, response } = await client.DELETE('/porting-requests/{id}/documents/{documentId}', {
    params: { path: { id, documentId } },
  });
  if (response.status === 401) redirect('/session-expired');
  if (!response.ok) return { errors: formErrorsOf(error, response.status) };
  redirect(`/${area}/porting/${id}?done=document-deleted`);
}
