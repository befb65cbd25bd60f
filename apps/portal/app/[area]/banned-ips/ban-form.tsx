'use client';

import { useActionState } from 'react';
import { Banner, Field, FormBanner } from '../../ui/form-controls';
import { SubmitButton } from '../../ui/submit-button';
import styles from '../../ui/ui.module.css';
import type { BanFormState } from './actions';

/** Bans an address or a network, with a reason and an optional end. */
export function BanForm({
  action,
}: {
  action: (state: BanFormState, form: FormData) => Promise<BanFormState>;
}) {
  const [state, formAction] = useActionState(action, {});
  const values = state.values ?? {};
  const errors = state.errors?.fields ?? {};
  return (
    <form
      action={formAction}
      className={styles.card}
      noValidate
      aria-labelledby="ban-heading"
      key={state.banned?.serial ?? 'form'}
    >
      <h2 id="ban-heading">Ban an address</h2>
      {state.banned ? <Banner kind="success">{state.banned.cidr} is banned.</Banner> : null}
      <FormBanner errors={state.errors} />
      <div className={styles.formGrid}>
        <Field
          name="cidr"
          label="Address or network"
          defaultValue={values.cidr}
          hint="e.g. 203.0.113.7 or 198.51.100.0/24; IPv6 too"
          error={errors.cidr}
          required
          autoComplete="off"
          spellCheck={false}
        />
        <Field name="reason" label="Reason" defaultValue={values.reason} error={errors.reason} />
        <Field
          name="expiresAt"
          label="Lifts itself at (UTC)"
          type="datetime-local"
          defaultValue={values.expiresAt}
          hint="Empty: until you unban it"
          error={errors.expiresAt}
        />
      </div>
      <SubmitButton pending="Banning…">Ban</SubmitButton>
    </form>
  );
}
