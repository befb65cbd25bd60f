'use client';

import { useActionState } from 'react';
import { Field, FormBanner } from '../../../ui/form-controls';
import { SubmitButton } from '../../../ui/submit-button';
import styles from '../../../ui/ui.module.css';
import type { PortingStepState } from './actions';

type Action = (state: PortingStepState, form: FormData) => Promise<PortingStepState>;

/** One workflow move with the fields it needs; the API's refusal (409 included) shows above it. */
export function StepForm({
  action,
  step,
  label,
  variant = 'primary',
}: {
  action: Action;
  step: 'submit' | 'accept' | 'reject' | 'complete' | 'cancel';
  label: string;
  variant?: 'primary' | 'secondary' | 'danger';
}) {
  const [state, formAction] = useActionState(action, {});
  const errors = state.errors?.fields ?? {};
  const values = state.values ?? {};
  return (
    <form action={formAction} noValidate aria-label={label} className={styles.card} data-step={step}>
      <h3>{label}</h3>
      <FormBanner errors={state.errors} />
      {step === 'accept' ? (
        <Field
          id={`${step}-scheduledAt`}
          name="scheduledAt"
          label="Port date and time (UTC)"
          type="datetime-local"
          defaultValue={values.scheduledAt ?? ''}
          error={errors.scheduledAt}
        />
      ) : null}
      {step === 'reject' ? (
        <Field
          id={`${step}-reason`}
          name="reason"
          label="Reason"
          defaultValue={values.reason ?? ''}
          error={errors.reason}
        />
      ) : (
        <Field
          id={`${step}-note`}
          name="note"
          label="Note (optional)"
          defaultValue={values.note ?? ''}
          error={errors.note}
        />
      )}
      <SubmitButton pending="Working…" variant={variant}>
        {label}
      </SubmitButton>
    </form>
  );
}

export function NoteForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} noValidate aria-label="Add a note">
      <FormBanner errors={state.errors} />
      <Field
        id="history-note"
        name="note"
        label="Note"
        defaultValue={state.values?.note ?? ''}
        error={state.errors?.fields.note}
      />
      <SubmitButton pending="Adding…" variant="secondary">
        Add the note
      </SubmitButton>
    </form>
  );
}

export function UploadForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, {});
  const error = state.errors?.fields.file;
  return (
    <form action={formAction} noValidate aria-label="Upload a document">
      {state.errors ? (
        <div role="alert" className={styles.bannerError}>
          {state.errors.message}
        </div>
      ) : null}
      <div className={styles.field}>
        <label htmlFor="porting-document">Document</label>
        <span id="porting-document-hint" className={styles.hint}>
          A PDF, PNG or JPEG: the letter of authorisation, a recent bill
        </span>
        <input
          id="porting-document"
          name="file"
          type="file"
          accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
          className={styles.input}
          aria-invalid={error ? true : undefined}
          aria-describedby={`porting-document-hint${error ? ' porting-document-error' : ''}`}
        />
        {error ? (
          <span id="porting-document-error" className={styles.fieldError} data-field-error="file">
            {error}
          </span>
        ) : null}
      </div>
      <SubmitButton pending="Uploading…" variant="secondary">
        Upload
      </SubmitButton>
    </form>
  );
}

export function DeleteDocumentButton({ action, name }: { action: Action; name: string }) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} style={{ display: 'inline' }}>
      {state.errors ? (
        <span role="alert" className={styles.fieldError}>
          {state.errors.message}
        </span>
      ) : null}
      <button type="submit" className={styles.buttonSecondary} aria-label={`Delete ${name}`}>
        Delete
      </button>
    </form>
  );
}
