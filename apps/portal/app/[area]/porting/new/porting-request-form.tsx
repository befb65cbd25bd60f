'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { AccountPicker } from '../../../ui/account-picker';
import { Field, FormBanner, SelectField } from '../../../ui/form-controls';
import { SubmitButton } from '../../../ui/submit-button';
import styles from '../../../ui/ui.module.css';
import type { PortingFormState } from '../actions';

export function PortingRequestForm({
  action,
  cancelHref,
  gainingCarrier,
}: {
  action: (state: PortingFormState, form: FormData) => Promise<PortingFormState>;
  cancelHref: string;
  gainingCarrier: string;
}) {
  const [state, formAction] = useActionState(action, {});
  const values = state.values ?? {};
  const errors = state.errors?.fields ?? {};
  return (
    <form action={formAction} className={styles.card} noValidate>
      <FormBanner errors={state.errors} />
      <div className={styles.formGrid}>
        <SelectField
          name="direction"
          label="Direction"
          defaultValue={values.direction ?? 'port_in'}
          options={[
            { value: 'port_in', label: 'Port in: numbers come to us' },
            { value: 'port_out', label: 'Port out: numbers leave us' },
          ]}
          error={errors.direction}
        />
        <AccountPicker
          name="accountId"
          label="Account"
          defaultValue={values.accountId ?? ''}
          error={errors.accountId}
        />
        <Field
          name="country"
          label="Country"
          defaultValue={values.country ?? ''}
          hint="Two letters, e.g. DE"
          maxLength={2}
          error={errors.country}
        />
        <Field
          name="losingCarrier"
          label="Losing carrier"
          defaultValue={values.losingCarrier ?? ''}
          error={errors.losingCarrier}
        />
        <Field
          name="gainingCarrier"
          label="Gaining carrier"
          defaultValue={values.gainingCarrier ?? gainingCarrier}
          error={errors.gainingCarrier}
        />
        <Field
          name="requestedDate"
          label="Requested day"
          type="date"
          defaultValue={values.requestedDate ?? ''}
          error={errors.requestedDate}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor="field-numbers">Numbers</label>
        <span id="field-numbers-hint" className={styles.hint}>
          One per line, in international format, e.g. +49 30 2312 5099
        </span>
        <textarea
          id="field-numbers"
          name="numbers"
          rows={4}
          className={styles.input}
          defaultValue={values.numbers ?? ''}
          aria-invalid={errors.numbers ? true : undefined}
          aria-describedby={`field-numbers-hint${errors.numbers ? ' field-numbers-error' : ''}`}
        />
        {errors.numbers ? (
          <span id="field-numbers-error" className={styles.fieldError} data-field-error="numbers">
            {errors.numbers}
          </span>
        ) : null}
      </div>
      <div className={styles.field}>
        <label htmlFor="field-notes">Notes</label>
        <textarea
          id="field-notes"
          name="notes"
          rows={3}
          className={styles.input}
          defaultValue={values.notes ?? ''}
          aria-invalid={errors.notes ? true : undefined}
        />
        {errors.notes ? (
          <span className={styles.fieldError} data-field-error="notes">
            {errors.notes}
          </span>
        ) : null}
      </div>
      <div className={styles.actions}>
        <SubmitButton pending="Saving…">Save as draft</SubmitButton>
        <Link href={cancelHref} className={styles.buttonSecondary}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
