'use client';

import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import styles from './ui.module.css';

/** A submit button for an action that cannot be undone: it asks first, then says it is working. */
export function ConfirmSubmit({
  children,
  question,
  pending: pendingLabel,
  label,
  variant = 'danger',
}: {
  children: ReactNode;
  question: string;
  pending?: string;
  /** The accessible name when the visible text is not enough, e.g. "Unban 192.0.2.1". */
  label?: string;
  variant?: 'danger' | 'secondary';
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      className={variant === 'danger' ? styles.buttonDanger : styles.buttonSecondary}
      disabled={pending}
      aria-busy={pending || undefined}
      aria-label={label}
      onClick={(event) => {
        if (!window.confirm(question)) event.preventDefault();
      }}
    >
      {pending ? (pendingLabel ?? 'Working…') : children}
    </button>
  );
}
