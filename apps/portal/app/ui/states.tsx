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
