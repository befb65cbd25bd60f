'use client';

import { useActionState } from 'react';
import { CopyButton } from '../../ui/copy-button';
import { Field, FormBanner } from '../../ui/form-controls';
import { SubmitButton } from '../../ui/submit-button';
import styles from '../../ui/ui.module.css';
import type { ApiKeyFormState } from './actions';

const PERMISSIONS = [
  { value: 'read', label: 'Read', hint: 'every GET' },
  { value: 'write', label: 'Write', hint: 'create, change, delete' },
  { value: 'billing', label: 'Billing', hint: 'top-ups, invoices' },
  { value: 'admin', label: 'Admin', hint: 'users, keys, audit log' },
];

/** Creates a key and shows it this once, with a way to copy it. */
export function ApiKeyForm({
  action,
  granted,
}: {
  action: (state: ApiKeyFormState, form: FormData) => Promise<ApiKeyFormState>;
  /** The creator's own permissions: a key never gets more. */
  granted: string[];
}) {
  const [state, formAction] = useActionState(action, {});
  const values = state.values ?? {};
  const errors = state.errors?.fields ?? {};
  const checked = state.checked ?? ['read'];
  return (
    <>
      {state.created ? (
        <section className={styles.bannerSuccess} aria-labelledby="new-key-heading" data-testid="new-api-key">
          <h2 id="new-key-heading" style={{ fontSize: '1rem', margin: '0 0 0.4rem' }}>
            Key “{state.created.name}” created
          </h2>
          <p style={{ margin: '0 0 0.5rem' }}>
            Copy it now: it is shown this once and cannot be read again. Send it as{' '}
            <code>Authorization: Bearer &lt;key&gt;</code>.
          </p>
          <div className={styles.copyRow}>
            <code className="mono" data-testid="api-key-secret" style={{ overflowWrap: 'anywhere' }}>
              {state.created.key}
            </code>
            <CopyButton value={state.created.key} label="API key" />
          </div>
        </section>
      ) : null}
      <form
        action={formAction}
        className={styles.card}
        noValidate
        aria-labelledby="create-key-heading"
        key={state.created?.serial ?? 'form'}
      >
        <h2 id="create-key-heading">Create a key</h2>
        <FormBanner errors={state.errors} />
        <div className={styles.formGrid}>
          <Field
            name="name"
            label="Name"
            defaultValue={values.name}
            hint="Who uses it, e.g. CRM sync"
            error={errors.name}
            required
          />
          <Field
            name="expiresAt"
            label="Expires on (UTC)"
            type="date"
            defaultValue={values.expiresAt}
            hint="Empty: works until revoked"
            error={errors.expiresAt}
          />
        </div>
        <fieldset
          className={styles.field}
          aria-describedby={errors.permissions ? 'permissions-error' : undefined}
          style={{ border: 0, padding: 0 }}
        >
          <legend style={{ fontWeight: 600, marginBottom: '0.3rem' }}>Permissions</legend>
          <div className={styles.copyRow} style={{ gap: '0.5rem 1.25rem' }}>
            {PERMISSIONS.filter((permission) => granted.includes(permission.value)).map((permission) => (
              <label
                key={permission.value}
                style={{ display: 'inline-flex', gap: '0.4rem', alignItems: 'center' }}
              >
                <input
                  type="checkbox"
                  name="permissions"
                  value={permission.value}
                  defaultChecked={checked.includes(permission.value)}
                />
                {permission.label} <span className={styles.hint}>({permission.hint})</span>
              </label>
            ))}
          </div>
          {errors.permissions ? (
            <span id="permissions-error" className={styles.fieldError} data-field-error="permissions">
              {errors.permissions}
            </span>
          ) : null}
        </fieldset>
        <SubmitButton pending="Creating…">Create key</SubmitButton>
      </form>
    </>
  );
}
