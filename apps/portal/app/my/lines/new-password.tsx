'use client';

import { useActionState } from 'react';
import { CopyButton } from '../../ui/copy-button';
import { Banner } from '../../ui/form-controls';
import { SubmitButton } from '../../ui/submit-button';
import styles from '../../ui/ui.module.css';
import { newSipPassword, type NewPasswordState } from './actions';

export function NewPassword({ lineId, username }: { lineId: string; username: string }) {
  const [state, action] = useActionState<NewPasswordState>(newSipPassword.bind(null, lineId), {});
  return (
    <div>
      {state.password ? (
        <Banner kind="success">
          <p style={{ margin: '0 0 0.5rem' }}>
            New password for {username}: shown this once, copy it into your phone now.
          </p>
          <span className={styles.copyRow}>
            <code data-testid="sip-password">{state.password}</code>
            <CopyButton value={state.password} label={`password of ${username}`} />
          </span>
        </Banner>
      ) : null}
      {state.error ? <Banner kind="error">{state.error}</Banner> : null}
      <form
        action={action}
        onSubmit={(event) => {
          if (
            !window.confirm(`Set a new SIP password for ${username}? Phones using the old one stop working.`)
          )
            event.preventDefault();
        }}
      >
        <SubmitButton variant="secondary" pending="Setting…">
          Set a new password
        </SubmitButton>
      </form>
    </div>
  );
}
