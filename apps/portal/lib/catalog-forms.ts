/**
 * The catalog's forms (rate cards, routing plans, vendors, trunks, plans, templates, services, domains)
 * are described once as fields; the same description renders the form and turns what was typed into the
 * API's JSON body, so a field cannot be shown and then forgotten on the way to the API.
 */
export type FieldKind =
  'text' | 'textarea' | 'integer' | 'decimal' | 'boolean' | 'list' | 'select' | 'account';

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  hint?: string;
  /** Blank means null (cleared) when editing; otherwise a blank is left out and the API's default holds. */
  nullable?: boolean;
  /** Shown only when creating (e.g. the owning tenant, a service's account). */
  createOnly?: boolean;
  /**
   * The choices of a select; a page may pass them at render time (rate cards, vendors…). An `account`
   * field has none: it finds the account as the user types (the account picker) and sends its id.
   */
  options?: Array<{ value: string; label: string }>;
  required?: boolean;
}

export type FormValues = Record<string, string>;

/** What was typed, as the API's fields: blanks left out (create) or cleared (edit, nullable fields). */
export function bodyOf(fields: FieldSpec[], form: FormData, editing: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    if (editing && field.createOnly) continue;
    if (field.kind === 'boolean') {
      body[field.name] = form.get(field.name) === 'on';
      continue;
    }
    const raw = String(form.get(field.name) ?? '').trim();
    if (raw === '') {
      if (editing && field.nullable) body[field.name] = null;
      continue;
    }
    body[field.name] = valueOf(field.kind, raw);
  }
  return body;
}

function valueOf(kind: FieldKind, raw: string): unknown {
  // A whole number goes as one; anything else goes as typed, so the API names what is wrong with it.
  if (kind === 'integer') return /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (kind === 'list')
    return raw
      .split(/[\s,;]+/)
      .map((item) => item.trim())
      .filter(Boolean);
  return raw;
}

/** An object from the API as the form's text, for editing. */
export function valuesFrom(fields: FieldSpec[], record: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const value = record[field.name];
    if (field.kind === 'boolean') values[field.name] = value ? 'on' : '';
    else if (Array.isArray(value)) values[field.name] = value.join('\n');
    else values[field.name] = value === null || value === undefined ? '' : String(value);
  }
  return values;
}

/** Every text the form sent, to put back into the fields after a refusal. */
export function typedValues(form: FormData): FormValues {
  const values: FormValues = {};
  form.forEach((value, key) => {
    if (typeof value === 'string' && !key.startsWith('$')) values[key] = value;
  });
  return values;
}

/** The API's reason for a field; `blockedPrefixes.2` counts for `blockedPrefixes`. */
export function errorOf(errors: Record<string, string>, name: string): string | undefined {
  if (errors[name]) return errors[name];
  const nested = Object.keys(errors).find((key) => key.startsWith(`${name}.`) || key.startsWith(`${name}[`));
  return nested ? errors[nested] : undefined;
}
