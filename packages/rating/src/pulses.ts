/**
 * Seconds billed for `chargeableSeconds` under a first/next interval convention (60/60, 60/1, 30/6, 1/1):
 * any started interval is billed whole. 30/6 bills 12 s as 30 s and 39 s as 42 s.
 */
export function pulsedSeconds(
  chargeableSeconds: number,
  firstInterval: number,
  nextInterval: number,
): number {
  if (chargeableSeconds <= 0) return 0;
  if (chargeableSeconds <= firstInterval) return firstInterval;
  return firstInterval + Math.ceil((chargeableSeconds - firstInterval) / nextInterval) * nextInterval;
}

export function assertSeconds(value: number, what: string, minimum = 0): number {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new RangeError(`${what} must be an integer number of seconds ≥ ${minimum}, got ${value}`);
  }
  return value;
}
