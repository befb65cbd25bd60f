/** A date and time from the API, as a reader expects it (UTC, since cards have their own zones). */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  return (
    new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) +
    ' UTC'
  );
}

/** A routing plan's margin guard in words: a percentage, an amount per minute, both, or none. */
export function marginGuardOf(plan: {
  marginGuardPercent: string | null;
  marginGuardAmount: string | null;
  allowLoss: boolean;
}): string {
  const parts = [
    plan.marginGuardPercent !== null ? `at least ${plan.marginGuardPercent} %` : '',
    plan.marginGuardAmount !== null ? `at least ${plan.marginGuardAmount} per minute` : '',
  ].filter(Boolean);
  if (parts.length > 0) return parts.join(' and ');
  return plan.allowLoss ? 'none, loss allowed' : 'none (no loss)';
}
