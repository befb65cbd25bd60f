/** The API's one error shape: `{ statusCode, error, message, errors: [{ field, reason }] }`. */
export interface ApiErrorBody {
  statusCode?: number;
  message?: string;
  errors?: Array<{ field?: string; reason?: string }>;
}

export interface FormErrors {
  /** A sentence for the whole form (what failed, or what to do). */
  message: string;
  /** Reasons by field name, shown next to the field. */
  fields: Record<string, string>;
}

/** Reads an API error answer into what a form shows; fields named like `settings.brandName` keep their path. */
export function formErrorsOf(body: unknown, status: number): FormErrors {
  const error = (body ?? {}) as ApiErrorBody;
  const fields: Record<string, string> = {};
  for (const item of error.errors ?? []) {
    const field = item.field ?? '';
    if (field && !(field in fields)) fields[field] = item.reason ?? 'is invalid';
  }
  const message =
    status === 400 && Object.keys(fields).length > 0
      ? 'Some fields need your attention.'
      : (error.message ?? `The request failed (HTTP ${status}).`);
  return { message: capitalise(message), fields };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
