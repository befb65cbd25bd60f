'use client';

import { useActionState } from 'react';
import { Banner, Field, FormBanner } from '../../ui/form-controls';
import { SubmitButton } from '../../ui/submit-button';
import styles from '../../ui/ui.module.css';
import { saveSettings, type SettingsState } from './actions';

type Values = Record<
  | 'brandName'
  | 'logoUrl'
  | 'primaryColor'
  | 'accentColor'
  | 'supportEmail'
  | 'defaultCurrency'
  | 'defaultTimezone'
  | 'taxRate',
  string
>;

export function SettingsForm({ area, saved, initial }: { area: string; saved: boolean; initial: Values }) {
  const [state, action] = useActionState<SettingsState, FormData>(saveSettings.bind(null, area), {});
  const values = { ...initial, ...state.values } as Values;
  const errors = state.errors?.fields ?? {};
  return (
    <form action={action} className={styles.card} noValidate>
      {saved && !state.errors ? <Banner kind="success">Your settings are saved.</Banner> : null}
      <FormBanner errors={state.errors} />
      <h2>Brand</h2>
      <div className={styles.formGrid}>
        <Field name="brandName" label="Brand name" defaultValue={values.brandName} error={errors.brandName} />
        <Field
          name="logoUrl"
          label="Logo URL"
          type="url"
          defaultValue={values.logoUrl}
          hint="https://…, a square image"
          error={errors.logoUrl}
        />
        <Field
          name="primaryColor"
          label="Main colour"
          defaultValue={values.primaryColor}
          hint="#rrggbb, e.g. #1d4ed8"
          error={errors.primaryColor}
        />
        <Field
          name="accentColor"
          label="Accent colour"
          defaultValue={values.accentColor}
          hint="#rrggbb"
          error={errors.accentColor}
        />
        <Field
          name="supportEmail"
          label="Support e-mail"
          type="email"
          defaultValue={values.supportEmail}
          error={errors.supportEmail}
        />
      </div>
      <h2>Defaults of new accounts</h2>
      <div className={styles.formGrid}>
        <Field
          name="defaultCurrency"
          label="Currency"
          defaultValue={values.defaultCurrency}
          hint="ISO code, e.g. EUR"
          error={errors.defaultCurrency}
        />
        <Field
          name="defaultTimezone"
          label="Time zone"
          defaultValue={values.defaultTimezone}
          hint="e.g. Europe/Berlin"
          error={errors.defaultTimezone}
        />
      </div>
      <h2>Invoices</h2>
      <div className={styles.formGrid}>
        <Field
          name="taxRate"
          label="Tax rate (%)"
          inputMode="decimal"
          defaultValue={values.taxRate}
          hint="Added to the invoices you issue from now on, e.g. 19; 0 for none"
          error={errors.taxRate}
        />
      </div>
      <SubmitButton pending="Saving…">Save settings</SubmitButton>
    </form>
  );
}
