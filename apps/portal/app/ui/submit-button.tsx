'use client';

import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import styles from './ui.module.css';

/** A form's submit button that says it is working while the action runs. */
export function SubmitButton({
  children,
  pending: pendingLabel,
  variant = 'primary',
}: {
  children: ReactNode;
  pending?: string;
  variant?: 'primary' | 'secondary' | 'danger';
}) {
  const { pending } = useFormStatus();
  const className = {
    primary: styles.button,
    secondary: styles.buttonSecondary,
    danger: styles.buttonDanger,
  }[variant];
  return (
    <button type="submit" className={className} disabled={pending} aria-busy={pending || undefined}>
      {pending ? (pendingLabel ?? 'Working…') : children}
    </button>
  );
}
