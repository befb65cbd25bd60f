'use client';

import { useActionState } from 'react';
import { formatMoney } from '../../lib/money';
import type { TopUpState } from '../../lib/top-up';
import { Banner, Field, FormBanner } from './form-controls';
import { SubmitButton } from './submit-button';
import styles from './ui.module.css';

/**
 * Credit a payment: an account's, or a reseller's to its balance with you. One idempotency key per
 * top-up the form shows: drawn by the server with the page, and each credit answers the next one.
 */
export function TopUpForm({
  action,
  currency,
  idempotencyKey,
  idPrefix,
  label,
}: {
  action: (state: TopUpState, form: FormData) => Promise<TopUpState>;
  currency: string;
  idempotencyKey: string;
  /** Prefix of the fields' ids, unique on the page. */
  idPrefix: string;
  /** The form's accessible name. */
  label: string;
}) {
  const [state, formAction] = useActionState(action, {});
  const errors = state.errors?.fields ?? {};
  return (
    <form action={formAction} noValidate aria-label={label}>
      {state.credited && !state.errors ? (
        <Banner kind="success">{formatMoney(state.credited, currency)} credited.</Banner>
      ) : null}
      <FormBanner errors={state.errors} />
      <input type="hidden" name="idempotencyKey" value={state.nextKey ?? idempotencyKey} />
      <div className={styles.formGrid}>
        <Field
          id={`${idPrefix}-amount`}
          name="amount"
          label={`Amount (${currency})`}
          inputMode="decimal"
          defaultValue={state.errors ? state.values?.amount : ''}
          error={errors.amount}
          required
        />
        <Field
          id={`${idPrefix}-reference`}
          name="reference"
          label="Payment reference"
          defaultValue={state.errors ? state.values?.reference : ''}
          error={errors.reference}
        />
        <Field
          id={`${idPrefix}-description`}
          name="description"
          label="Note"
          defaultValue={state.errors ? state.values?.description : ''}
          error={errors.description}
        />
      </div>
      <SubmitButton pending="Crediting…">Credit top-up</SubmitButton>
    </form>
  );
}
