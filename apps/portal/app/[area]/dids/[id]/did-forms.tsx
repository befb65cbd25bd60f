'use client';

import { useActionState, useState } from 'react';
import { Field, FormBanner, SelectField } from '../../../ui/form-controls';
import { SubmitButton } from '../../../ui/submit-button';
import styles from '../../../ui/ui.module.css';
import type { DidFormState } from './actions';

type Action = (state: DidFormState, form: FormData) => Promise<DidFormState>;
type Options = Array<{ value: string; label: string }>;

export function ReserveForm({ action, accounts }: { action: Action; accounts: Options }) {
  const [state, formAction] = useActionState(action, {});
  const errors = state.errors?.fields ?? {};
  return (
    <form action={formAction} noValidate aria-label="Reserve">
      <FormBanner errors={state.errors} />
      <SelectField
        id="reserve-accountId"
        name="accountId"
        label="For account"
        defaultValue={state.values?.accountId ?? ''}
        options={[{ value: '', label: 'Choose an account' }, ...accounts]}
        error={errors.accountId}
      />
      <Field
        id="reserve-until"
        name="until"
        label="Held until the end of (UTC)"
        type="date"
        defaultValue={state.values?.until ?? ''}
        error={errors.until}
      />
      <SubmitButton pending="Reserving…" variant="secondary">
        Reserve
      </SubmitButton>
    </form>
  );
}

export function AssignForm({
  action,
  accounts,
  lines,
  fixedAccount,
}: {
  action: Action;
  accounts: Options;
  lines: Options;
  /** A reserved number goes only to the account it is held for. */
  fixedAccount?: { value: string; label: string };
}) {
  const [state, formAction] = useActionState(action, {});
  const errors = state.errors?.fields ?? {};
  const [routeKind, setRouteKind] = useState(state.values?.routeKind ?? 'line');
  return (
    <form action={formAction} noValidate aria-label="Assign">
      <FormBanner errors={state.errors} />
      {fixedAccount ? (
        <>
          <input type="hidden" name="accountId" value={fixedAccount.value} />
          <p>
            To <strong>{fixedAccount.label}</strong>, for which it is reserved.
          </p>
        </>
      ) : (
        <SelectField
          id="assign-accountId"
          name="accountId"
          label="To account"
          defaultValue={state.values?.accountId ?? ''}
          options={[{ value: '', label: 'Choose an account' }, ...accounts]}
          error={errors.accountId}
        />
      )}
      <SelectField
        id="assign-routeKind"
        name="routeKind"
        label="Inbound calls go to"
        value={routeKind}
        onChange={(event) => setRouteKind(event.target.value)}
        options={[
          { value: 'line', label: 'A line of the account' },
          { value: 'uri', label: 'A SIP URI' },
        ]}
        error={errors.kind}
      />
      {routeKind === 'uri' ? (
        <Field
          id="assign-uri"
          name="uri"
          label="SIP URI"
          defaultValue={state.values?.uri ?? ''}
          placeholder="sip:ivr@pbx.example.net"
          error={errors.uri}
        />
      ) : (
        <SelectField
          id="assign-lineId"
          name="lineId"
          label="Line"
          defaultValue={state.values?.lineId ?? ''}
          options={[{ value: '', label: 'Choose a line' }, ...lines]}
          error={errors.lineId}
        />
      )}
      <SubmitButton pending="Assigning…">Assign</SubmitButton>
    </form>
  );
}

export function ReleaseForm({ action, label }: { action: Action; label: string }) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} noValidate aria-label={label}>
      <FormBanner errors={state.errors} />
      <Field
        id="release-note"
        name="note"
        label="Note for the history (optional)"
        defaultValue={state.values?.note ?? ''}
        error={state.errors?.fields.note}
      />
      <div className={styles.actions}>
        <SubmitButton pending="Releasing…" variant="danger">
          {label}
        </SubmitButton>
      </div>
    </form>
  );
}
