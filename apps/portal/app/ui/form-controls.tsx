import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import type { FormErrors } from '../../lib/api-errors';
import styles from './ui.module.css';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
}

/** A labelled input whose API error is read with it by screen readers (aria-describedby). */
export function Field({ name, label, hint, error, id, ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`;
  const described = [hint ? `${inputId}-hint` : '', error ? `${inputId}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={styles.field}>
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <span id={`${inputId}-hint`} className={styles.hint}>
          {hint}
        </span>
      ) : null}
      <input
        id={inputId}
        name={name}
        className={styles.input}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        {...input}
      />
      {error ? (
        <span id={`${inputId}-error`} className={styles.fieldError} data-field-error={name}>
          {error}
        </span>
      ) : null}
    </div>
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
    <div className={styles.field}>
      <label htmlFor={selectId}>{label}</label>
      {/* React does not carry a changed defaultValue to a mounted <select>, and resets a form to its
          defaults after each action: a new default (the values sent back with field errors) remounts it,
          or the choice would silently fall back to the first default. */}
      <select
        key={String(select.defaultValue ?? '')}
        id={selectId}
        name={name}
        className={styles.input}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${selectId}-error` : undefined}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? (
        <span id={`${selectId}-error`} className={styles.fieldError} data-field-error={name}>
          {error}
        </span>
      ) : null}
    </div>
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
