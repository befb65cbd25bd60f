'use client';

import { useActionState } from 'react';
import { AccountPicker } from '../../ui/account-picker';
import { Banner, Field, FormBanner } from '../../ui/form-controls';
import { SubmitButton } from '../../ui/submit-button';
import styles from '../../ui/ui.module.css';
import type { IssueInvoiceState } from './actions';

/** Issue the invoice of one account for one ended month (the account's time zone decides the month). */
export function IssueInvoiceForm({
  action,
  pdfBase,
  defaultMonth,
}: {
  action: (state: IssueInvoiceState, form: FormData) => Promise<IssueInvoiceState>;
  pdfBase: string;
  defaultMonth: string;
}) {
  const [state, formAction] = useActionState(action, {});
  const errors = state.errors?.fields ?? {};
  return (
    <form action={formAction} noValidate aria-label="Issue an invoice">
      {state.issued && !state.errors ? (
        <Banner kind="success">
          {state.issued.alreadyIssued
            ? `Invoice ${state.issued.number} was already issued for that month.`
            : `Invoice ${state.issued.number} issued.`}{' '}
          <a href={`${pdfBase}/${state.issued.id}/pdf`} download>
            Download the PDF
          </a>
        </Banner>
      ) : null}
      <FormBanner errors={state.errors} />
      <div className={styles.formGrid}>
        <AccountPicker
          id="issue-invoice-account"
          name="accountId"
          label="Account"
          defaultValue={state.errors ? state.values?.accountId : ''}
          error={errors.accountId}
        />
        <Field
          id="issue-invoice-month"
          name="month"
          label="Month (YYYY-MM)"
          hint="A month that has ended in the account's time zone."
          defaultValue={state.errors ? state.values?.month : defaultMonth}
          error={errors.month}
        />
      </div>
      <SubmitButton pending="Issuing…">Issue invoice</SubmitButton>
    </form>
  );
}
