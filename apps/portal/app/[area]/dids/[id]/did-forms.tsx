'use client';

import { useActionState, useEffect, useState } from 'react';
import { AccountPicker } from '../../../ui/account-picker';
import { Field, FormBanner, SelectField } from '../../../ui/form-controls';
import { SubmitButton } from '../../../ui/submit-button';
import styles from '../../../ui/ui.module.css';
import type { DidFormState } from './actions';

type Action = (state: DidFormState, form: FormData) => Promise<DidFormState>;
type Options = Array<{ value: string; label: string }>;

export function ReserveForm({ action, tenantId }: { action: Action; tenantId: string }) {
  const [state, formAction] = useActionState(action, {});
  const errors = state.errors?.fields ?? {};
  return (
    <form action={formAction} noValidate aria-label="Reserve">
      <FormBanner errors={state.errors} />
      <AccountPicker
        id="reserve-accountId"
        name="accountId"
        label="For account"
        defaultValue={state.values?.accountId ?? ''}
        tenantId={tenantId}
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
  tenantId,
  lines,
  fixedAccount,
}: {
  action: Action;
  /** The number's tenant: it goes to an account of that tenant. */
  tenantId: string;
  /** The lines of the fixed account; without one, the lines of the account chosen are read. */
  lines: Options;
  /** A reserved number goes only to the account it is held for. */
  fixedAccount?: { value: string; label: string };
}) {
  const [state, formAction] = useActionState(action, {});
  const errors = state.errors?.fields ?? {};
  const [routeKind, setRouteKind] = useState(state.values?.routeKind ?? 'line');
  const [accountId, setAccountId] = useState(fixedAccount?.value ?? state.values?.accountId ?? '');
  const accountLines = useAccountLines(fixedAccount ? null : accountId);
  const lineChoices = fixedAccount ? lines : (accountLines ?? []);
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
        <AccountPicker
          id="assign-accountId"
          name="accountId"
          label="To account"
          defaultValue={state.values?.accountId ?? ''}
          tenantId={tenantId}
          onChoose={(choice) => setAccountId(choice?.value ?? '')}
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
          options={[
            {
              value: '',
              label: !accountId
                ? 'Choose the account first'
                : accountLines === null && !fixedAccount
                  ? 'Reading its lines…'
                  : lineChoices.length === 0
                    ? 'The account has no line'
                    : 'Choose a line',
            },
            ...lineChoices,
          ]}
          error={errors.lineId}
        />
      )}
      <SubmitButton pending="Assigning…">Assign</SubmitButton>
    </form>
  );
}

/** The lines of the account chosen in a form, read once it is chosen (null while they are on their way). */
function useAccountLines(accountId: string | null): Options | null {
  const [read, setRead] = useState<{ accountId: string; lines: Options } | null>(null);
  useEffect(() => {
    if (!accountId) return;
    const controller = new AbortController();
    fetch(`/account-lines?accountId=${encodeURIComponent(accountId)}`, {
      signal: controller.signal,
      cache: 'no-store',
    })
      .then((answer) => (answer.ok ? (answer.json() as Promise<{ choices: Options }>) : { choices: [] }))
      .then((body) => setRead({ accountId, lines: body.choices }))
      .catch(() => undefined);
    return () => controller.abort();
  }, [accountId]);
  return read && read.accountId === accountId ? read.lines : null;
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
