'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Field, FormBanner, SelectField } from '../../ui/form-controls';
import { SubmitButton } from '../../ui/submit-button';
import styles from '../../ui/ui.module.css';
import type { ActivationState, AdministratorFormState } from './actions';

export const ROLE_OPTIONS = [
  { value: 'admin', label: 'Administrator: everything, users and keys included' },
  { value: 'billing', label: 'Billing: reads everything, top-ups and invoices' },
  { value: 'read_only', label: 'Read-only: sees, changes nothing' },
];

export function AdministratorForm({
  action,
  initial,
  creating,
  cancelHref,
}: {
  action: (state: AdministratorFormState, form: FormData) => Promise<AdministratorFormState>;
  initial: { displayName: string; email: string; role: string };
  creating: boolean;
  cancelHref: string;
}) {
  const [state, formAction] = useActionState(action, {});
  const values = { ...initial, ...state.values };
  const errors = state.errors?.fields ?? {};
  return (
    <form action={formAction} className={styles.card} noValidate>
      <FormBanner errors={state.errors} />
      <div className={styles.formGrid}>
        <Field
          name="displayName"
          label="Name"
          defaultValue={values.displayName}
          error={errors.displayName}
          required
        />
        {creating ? (
          <>
            <Field
              name="email"
              label="E-mail"
              type="email"
              autoComplete="off"
              defaultValue={values.email}
              hint="Their login"
              error={errors.email}
              required
            />
            <Field
              name="password"
              label="First password"
              type="password"
              autoComplete="new-password"
              hint="At least 12 characters; give it to them safely, they can change it after logging in"
              error={errors.password}
              required
            />
          </>
        ) : null}
        <SelectField
          name="role"
          label="Role"
          defaultValue={values.role || 'admin'}
          options={ROLE_OPTIONS}
          error={errors.role}
        />
      </div>
      <div className={styles.actions}>
        <SubmitButton pending="Saving…">{creating ? 'Create login' : 'Save changes'}</SubmitButton>
        <Link href={cancelHref} className={styles.buttonSecondary}>
          Cancel
        </Link>
      </div>
    </form>
  );
}

/** Deactivate or reactivate a login, after confirming; the API's refusal is said next to the button. */
export function ActivationForm({
  action,
  active,
  name,
}: {
  action: (state: ActivationState) => Promise<ActivationState>;
  active: boolean;
  name: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className={styles.copyRow}>
      <button
        type="submit"
        className={active ? styles.buttonDanger : styles.button}
        disabled={pending}
        onClick={(event) => {
          const question = active
            ? `Deactivate ${name}? Their sessions end at once and they can no longer log in.`
            : `Let ${name} log in again?`;
          if (!window.confirm(question)) event.preventDefault();
        }}
      >
        {pending ? 'Saving…' : active ? 'Deactivate' : 'Reactivate'}
      </button>
      {state.message ? (
        <span role="alert" className={styles.fieldError}>
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
