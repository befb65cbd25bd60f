/** A submitted form's text fields, to give the form back as typed when the API refuses it. */
export function valuesOf(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  form.forEach((value, key) => {
    if (typeof value === 'string' && !key.startsWith('$')) values[key] = value;
  });
  return values;
}

/** A trimmed text field. */
export function textOf(form: FormData, name: string): string {
  return String(form.get(name) ?? '').trim();
}

/**
 * A date or date-and-time typed in a form, read as UTC and sent as ISO 8601; anything else is sent as
 * typed, so the API names what is wrong with it at its field.
 */
export function utcMomentOf(text: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00:00.000Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text))
    return `${text.length === 16 ? `${text}:00` : text}.000Z`;
  return text;
}
