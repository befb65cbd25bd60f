import styles from './ui.module.css';

const TONE: Record<string, string | undefined> = {
  active: styles.badgeGood,
  completed: styles.badgeGood,
  enabled: styles.badgeGood,
  scheduled: styles.badgeWarn,
  queued: styles.badgeWarn,
  validating: styles.badgeWarn,
  applying: styles.badgeWarn,
  rejected: styles.badgeBad,
  failed: styles.badgeBad,
  no_rates: styles.badgeBad,
  blocked: styles.badgeBad,
  inactive: styles.badgeBad,
  terminated: styles.badgeBad,
  assigned: styles.badgeGood,
  available: styles.badgeGood,
  suspended: styles.badgeWarn,
  reserved: styles.badgeWarn,
  ringing: styles.badgeWarn,
  closed: styles.badgeBad,
  disabled: styles.badgeBad,
  quarantined: styles.badgeBad,
  revoked: styles.badgeBad,
  expired: styles.badgeWarn,
  deactivated: styles.badgeBad,
  // Calls, their rating, porting requests.
  answered: styles.badgeGood,
  rated: styles.badgeGood,
  accepted: styles.badgeGood,
  unrated: styles.badgeWarn,
  submitted: styles.badgeWarn,
  busy: styles.badgeWarn,
  cancelled: styles.badgeBad,
  // Invoices.
  issued: styles.badgeGood,
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`${styles.badge} ${TONE[status] ?? ''}`}>{status.replace(/[_-]/g, ' ')}</span>;
}
