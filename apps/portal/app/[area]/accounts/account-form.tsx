'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import type { AccountFormState } from './actions';
import { Field, FormBanner, SelectField } from '../../ui/form-controls';
import { SubmitButton } from '../../ui/submit-button';
import styles from '../../ui/ui.module.css';

export interface AccountFormValues {
  code: string;
  name: string;
  email: string;
  billingType: string;
  creditLimit: string;
  status: string;
  timezone: string;
  maxChannels: string;
  servicePlanId: string;
  currency: string;
  tenantId: string;
}

export function AccountForm({
  action,
  initial,
  creating,
  plans,
  owners,
  cancelHref,
}: {
  action: (state: AccountFormState, form: FormData) => Promise<AccountFormState>;
  initial: AccountFormValues;
  creating: boolean;
  plans: Array<{ value: string; label: string }>;
  owners: Array<{ value: string; label: string }>;
  cancelHref: string;
}) {
  const [state, formAction] = useActionState(action, {});
  const values = { ...initial, ...state.values } as AccountFormValues;
  const [billingType, setBillingType] = useState(values.billingType || 'prepaid');
  const errors = state.errors?.fields ?? {};
  return (
    <form action={formAction} className={styles.card} noValidate>
      <FormBanner errors={state.errors} />
      <div className={styles.formGrid}>
        <Field
          name="code"
          label="Code"
          defaultValue={values.code}
          required
          error={errors.code}
          hint="Your reference, e.g. ACME-0001"
        />
        <Field name="name" label="Name" defaultValue={values.name} required error={errors.name} />
        <Field
          name="email"
          label="Billing e-mail"
          type="email"
          defaultValue={values.email}
          error={errors.email}
        />
        <SelectField
          name="billingType"
          label="Billing"
          value={billingType}
          onChange={(event) => setBillingType(event.target.value)}
          options={[
            { value: 'prepaid', label: 'Prepaid' },
            { value: 'postpaid', label: 'Postpaid' },
          ]}
          error={errors.billingType}
        />
        {billingType === 'postpaid' ? (
          <Field
            name="creditLimit"
            label="Credit limit"
            inputMode="decimal"
            defaultValue={values.creditLimit}
            hint="How far below zero the balance may go"
            error={errors.creditLimit}
          />
        ) : null}
        <SelectField
          name="status"
          label="Status"
          defaultValue={values.status || 'active'}
          options={[
            { value: 'active', label: 'Active' },
            { value: 'suspended', label: 'Suspended' },
            { value: 'closed', label: 'Closed' },
          ]}
          error={errors.status}
        />
        <SelectField
          name="servicePlanId"
          label="Service plan"
          defaultValue={values.servicePlanId}
          options={[{ value: '', label: 'None' }, ...plans]}
          error={errors.servicePlanId}
        />
        <Field
          name="maxChannels"
          label="Channel limit"
          inputMode="numeric"
          defaultValue={values.maxChannels}
          hint="Concurrent calls; empty for no limit"
          error={errors.maxChannels}
        />
        <Field
          name="timezone"
          label="Time zone"
          defaultValue={values.timezone}
          hint="e.g. Europe/Berlin; the default when empty"
          error={errors.timezone}
        />
        {creating ? (
          <>
            <Field
              name="currency"
              label="Currency"
              defaultValue={values.currency}
              hint="e.g. EUR; the default when empty"
              error={errors.currency}
            />
            {owners.length > 1 ? (
              <SelectField
                name="tenantId"
                label="Owned by"
                defaultValue={values.tenantId}
                options={owners}
                error={errors.tenantId}
              />
            ) : null}
          </>
        ) : null}
      </div>
      <div className={styles.actions}>
        <SubmitButton pending="Saving…">{creating ? 'Create account' : 'Save changes'}</SubmitButton>
        <Link href={cancelHref} className={styles.buttonSecondary}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
