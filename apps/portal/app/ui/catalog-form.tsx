'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { FormErrors } from '../../lib/api-errors';
import { errorOf, type FieldSpec, type FormValues } from '../../lib/catalog-forms';
import { AccountPicker } from './account-picker';
import { Field, FormBanner, SelectField } from './form-controls';
import { SubmitButton } from './submit-button';
import styles from './ui.module.css';

export interface CatalogFormState {
  errors?: FormErrors;
  values?: FormValues;
}

/** A create/edit form drawn from its fields; the API's 400 reasons appear under each field. */
export function CatalogForm({
  action,
  fields,
  initial,
  editing,
  submitLabel,
  cancelHref,
  idPrefix = 'field',
  plain = false,
}: {
  action: (state: CatalogFormState, form: FormData) => Promise<CatalogFormState>;
  fields: FieldSpec[];
  initial: FormValues;
  editing: boolean;
  submitLabel: string;
  cancelHref?: string;
  /** Distinguishes the ids of two forms on one page (labels must point at the right input). */
  idPrefix?: string;
  /** Inside a card already: no card of its own. */
  plain?: boolean;
}) {
  const [state, formAction] = useActionState(action, {});
  const values = state.values ? state.values : initial;
  const errors = state.errors?.fields ?? {};
  const shown = fields.filter((field) => !(editing && field.createOnly));
  return (
    <form action={formAction} className={plain ? undefined : styles.card} noValidate>
      <FormBanner errors={state.errors} />
      <div className={styles.formGrid}>
        {shown.map((field) => (
          <CatalogField
            key={field.name}
            field={field}
            id={`${idPrefix}-${field.name}`}
            value={values[field.name] ?? ''}
            error={errorOf(errors, field.name)}
            // A refused form was typed: its checkboxes are what was sent, not what was stored.
            refused={Boolean(state.values)}
          />
        ))}
      </div>
      <div className={styles.actions}>
        <SubmitButton pending="Saving…">{submitLabel}</SubmitButton>
        {cancelHref ? (
          <Link href={cancelHref} className={styles.buttonSecondary}>
            Cancel
          </Link>
        ) : null}
      </div>
    </form>
  );
}

function CatalogField({
  field,
  id,
  value,
  error,
  refused,
}: {
  field: FieldSpec;
  id: string;
  value: string;
  error?: string;
  refused: boolean;
}) {
  // Keyed by value so a refused form shows what was typed (defaultValue is read once per mount).
  const key = `${field.name}:${value}`;
  if (field.kind === 'select')
    return (
      <SelectField
        key={key}
        id={id}
        name={field.name}
        label={field.label}
        defaultValue={value}
        options={field.options ?? []}
        error={error}
      />
    );
  if (field.kind === 'account')
    return (
      <AccountPicker
        id={id}
        name={field.name}
        label={field.label}
        hint={field.hint}
        defaultValue={value}
        error={error}
      />
    );
  if (field.kind === 'boolean')
    return (
      <div className={styles.field}>
        <span className={styles.checkRow}>
          <input
            key={`${key}:${refused}`}
            id={id}
            type="checkbox"
            name={field.name}
            defaultChecked={value === 'on'}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : field.hint ? `${id}-hint` : undefined}
          />
          <label htmlFor={id}>{field.label}</label>
        </span>
        {field.hint ? (
          <span id={`${id}-hint`} className={styles.hint}>
            {field.hint}
          </span>
        ) : null}
        {error ? (
          <span id={`${id}-error`} className={styles.fieldError} data-field-error={field.name}>
            {error}
          </span>
        ) : null}
      </div>
    );
  if (field.kind === 'textarea' || field.kind === 'list') {
    const described = [field.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return (
      <div className={styles.field}>
        <label htmlFor={id}>{field.label}</label>
        {field.hint ? (
          <span id={`${id}-hint`} className={styles.hint}>
            {field.hint}
          </span>
        ) : null}
        <textarea
          key={key}
          id={id}
          name={field.name}
          rows={3}
          className={styles.input}
          defaultValue={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={described || undefined}
        />
        {error ? (
          <span id={`${id}-error`} className={styles.fieldError} data-field-error={field.name}>
            {error}
          </span>
        ) : null}
      </div>
    );
  }
  return (
    <Field
      key={key}
      id={id}
      name={field.name}
      label={field.label}
      hint={field.hint}
      defaultValue={value}
      required={field.required}
      inputMode={field.kind === 'integer' ? 'numeric' : field.kind === 'decimal' ? 'decimal' : undefined}
      error={error}
    />
  );
}
