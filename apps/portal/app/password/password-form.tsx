'use client';

import { useActionState } from 'react';
import { Banner, Field, FormBanner } from '../ui/form-controls';
import { SubmitButton } from '../ui/submit-button';
import styles from '../ui/ui.module.css';
import { changePassword, type PasswordState } from './actions';

export function PasswordForm() {
  const [state, action] = useActionState<PasswordState, FormData>(changePassword, {});
  const errors = state.errors?.fields ?? {};
  return (
    <form action={action} className={styles.card} style={{ maxWidth: '32rem' }} noValidate>
      {state.done ? <Banner kind="success">Your password is changed.</Banner> : null}
      <FormBanner errors={state.errors} />
      <Field
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <Field
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters."
        required
        error={errors.newPassword}
      />
      <Field
        name="confirmPassword"
        label="New password again"
        type="password"
        autoComplete="new-password"
        required
        error={errors.confirmPassword}
      />
      <SubmitButton pending="Changing…">Change password</SubmitButton>
    </form>
  );
}
