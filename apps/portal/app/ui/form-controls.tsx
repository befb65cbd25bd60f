import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import type { FormErrors } from '../../lib/api-errors';
import styles from './ui.module.css';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
}

/**
 * A form field's frame: its label, its hint and its API error around the control, with the ids
 * `describedBy` names, so screen readers read the hint and the error with the control.
 */
export function FieldFrame({
  controlId,
  name,
  label,
  hint,
  error,
  children,
}: {
  controlId: string;
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={styles.field}>
      <label htmlFor={controlId}>{label}</label>
      {hint ? (
        <span id={`${controlId}-hint`} className={styles.hint}>
          {hint}
        </span>
      ) : null}
      {children}
      {error ? (
        <span id={`${controlId}-error`} className={styles.fieldError} data-field-error={name}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** The control's aria-describedby: its frame's hint and error, when shown, and any other ids. */
export function describedBy(controlId: string, hint: unknown, error: unknown, ...others: string[]) {
  return (
    [hint ? `${controlId}-hint` : '', error ? `${controlId}-error` : '', ...others]
      .filter(Boolean)
      .join(' ') || undefined
  );
}

/** A labelled input whose API error is read with it by screen readers (aria-describedby). */
export function Field({ name, label, hint, error, id, ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`;
  return (
    <FieldFrame controlId={inputId} name={name} label={label} hint={hint} error={error}>
      <input
        id={inputId}
        name={name}
        className={styles.input}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(inputId, hint, error)}
        {...input}
      />
    </FieldFrame>
  );
}

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  name: string;
  label: string;
  error?: string;
  options: Array<{ value: string; label: string }>;
}

export function SelectField({ name, label, error, options, id, ...select }: SelectFieldProps) {
  const selectId = id ?? `field-${name}`;
  return (
    <FieldFrame controlId={selectId} name={name} label={label} error={error}>
      {/* React does not carry a changed defaultValue to a mounted <select>, and resets a form to its
          defaults after each action: a new default (the values sent back with field errors) remounts it,
          or the choice would silently fall back to the first default. */}
      <select
        key={String(select.defaultValue ?? '')}
        id={selectId}
        name={name}
        className={styles.input}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(selectId, undefined, error)}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** The form's own message (what failed as a whole), announced when it appears. */
export function FormBanner({ errors }: { errors?: FormErrors }) {
  if (!errors) return null;
  return (
    <div role="alert" className={styles.bannerError}>
      {errors.message}
    </div>
  );
}

export function Banner({ kind, children }: { kind: 'info' | 'error' | 'success'; children: ReactNode }) {
  const className = { info: styles.banner, error: styles.bannerError, success: styles.bannerSuccess }[kind];
  return (
    <div role={kind === 'error' ? 'alert' : 'status'} className={className}>
      {children}
    </div>
  );
}
