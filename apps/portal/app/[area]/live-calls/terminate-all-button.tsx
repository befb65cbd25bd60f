'use client';

import { useState, useTransition } from 'react';
import styles from '../../ui/ui.module.css';
import { terminateAll } from './actions';

/** Ends every call of one account, after the user confirms. */
export function TerminateAllButton({ accountId, label }: { accountId: string; label: string }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState('');
  const run = () => {
    if (!window.confirm(`End every call of ${label}?`)) return;
    start(async () => setMessage((await terminateAll(accountId)).message));
  };
  return (
    <span className={styles.copyRow}>
      <button type="button" className={styles.buttonDanger} onClick={run} disabled={pending}>
        {pending ? 'Ending calls…' : 'Terminate all'}
      </button>
      <span role="status">{message}</span>
    </span>
  );
}
