'use client';

import styles from '../ui/ui.module.css';

/** A page whose data could not be read: say so, keep the shell, offer to try again. */
export default function StaffError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className={styles.card} role="alert">
      <div className={styles.state}>
        <h2>This page could not be loaded</h2>
        <p>The platform did not answer as expected. It may be restarting; try again in a moment.</p>
        {error.digest ? <p className="mono">Reference: {error.digest}</p> : null}
        <button type="button" className={styles.button} onClick={reset}>
          Try again
        </button>
      </div>
    </div>
  );
}
