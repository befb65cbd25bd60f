'use client';

import { useActionState } from 'react';
import { formatMoney } from '../../../../lib/money';
import { Banner, Field, FormBanner } from '../../../ui/form-controls';
import { SubmitButton } from '../../../ui/submit-button';
import styles from '../../../ui/ui.module.css';
import { topUp, type TopUpState } from './top-up-actions';

/** Credit a payment to the account; one idempotency key per top-up the form shows. */
export function TopUpForm({
  area,
  accountId,
  currency,
  idempotencyKey,
}: {
  area: string;
  accountId: string;
  currency: string;
  /** Drawn by the server with the page; each credit answers the next one. */
  idempotencyKey: string;
}) {
  const [state, action] = useActionState<TopUpState, FormData>(topUp.bind(null, area, accountId), {});
  const key = state.nextKey ?? idempotencyKey;
  const errors = state.errors?.fields ?? {};
  return (
    <form action={action} noValidate>
      {state.credited && !state.errors ? (
        <Banner kind="success">{formatMoney(state.credited, currency)} credited.</Banner>
      ) : null}
      <FormBanner errors={state.errors} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <div className={styles.formGrid}>
        <Field
          name="amount"
          label={`Amount (${currency})`}
          inputMode="decimal"
          defaultValue={state.errors ? state.values?.amount : ''}
          error={errors.amount}
          required
        />
        <Field
          name="reference"
          label="Payment reference"
          defaultValue={state.errors ? state.values?.reference : ''}
          error={errors.reference}
        />
        <Field
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
