import type { ReactNode } from 'react';
import styles from './ui.module.css';

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className={styles.state} role="status">
      <h2>{title}</h2>
      {children ? <div>{children}</div> : null}
    </div>
  );
}

/** A list's skeleton while its page loads (loading.tsx), announced once to screen readers. */
export function LoadingRows({ label, rows = 6 }: { label: string; rows?: number }) {
  return (
    <div className={styles.card} role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className={styles.skeleton} style={{ width: `${90 - (index % 3) * 15}%` }} />
      ))}
    </div>
  );
}

/** A page the user's role does not open (the API answered 403). */
export function ForbiddenState({ what }: { what: string }) {
  return (
    <div className={styles.card}>
      <EmptyState title="Administrators only">
        <p>Your role does not let you see {what}. An administrator of your organisation can.</p>
      </EmptyState>
    </div>
  );
}
