'use client';

import { useState } from 'react';
import styles from './ui.module.css';

/** Copies a value (a SIP username, a password) and says so to screen readers. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Without clipboard access (plain http), select-and-copy by hand still works: the value is shown.
      return;
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <button type="button" className={styles.buttonSecondary} onClick={copy} aria-label={`Copy ${label}`}>
      {copied ? 'Copied' : 'Copy'}
      <span role="status" className="visually-hidden">
        {copied ? `${label} copied` : ''}
      </span>
    </button>
  );
}
