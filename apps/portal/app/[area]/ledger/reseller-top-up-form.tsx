'use client';

import { useActionState } from 'react';
import { formatMoney } from '../../../lib/money';
import { Banner, Field, FormBanner } from '../../ui/form-controls';
import { SubmitButton } from '../../ui/submit-button';
import styles from '../../ui/ui.module.css';
import type { ResellerTopUpState } from './actions';

/** Credit a reseller's payment to its balance with you; one idempotency key per top-up the form shows. */
export function ResellerTopUpForm({
  action,
  currency,
  idempotencyKey,
}: {
  action: (state: ResellerTopUpState, form: FormData) => Promise<ResellerTopUpState>;
  currency: string;
  idempotencyKey: string;
}) {
  const [state, formAction] = useActionState(action, {});
  const errors = state.errors?.fields ?? {};
  return (
    <form action={formAction} noValidate aria-label="Credit a reseller top-up">
      {state.credited && !state.errors ? (
        <Banner kind="success">{formatMoney(state.credited, currency)} credited.</Banner>
      ) : null}
      <FormBanner errors={state.errors} />
      <input type="hidden" name="idempotencyKey" value={state.nextKey ?? idempotencyKey} />
      <div className={styles.formGrid}>
        <Field
          id="reseller-top-up-amount"
          name="amount"
          label={`Amount (${currency})`}
          inputMode="decimal"
          defaultValue={state.errors ? state.values?.amount : ''}
          error={errors.amount}
        />
        <Field
          id="reseller-top-up-reference"
          name="reference"
          label="Payment reference"
          defaultValue={state.errors ? state.values?.reference : ''}
          error={errors.reference}
        />
        <Field
          id="reseller-top-up-description"
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
