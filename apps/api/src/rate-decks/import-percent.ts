/**
 * How far an import is, 0–100: reading and checking the file (by bytes read) is the first 70 %, the
 * checks across rows up to 75 %, writing (by rows written) the rest.
 */
export function importPercent(step: {
  phase: 'validating' | 'applying';
  done: number;
  total: number;
}): number {
  const fraction = step.total > 0 ? Math.min(1, step.done / step.total) : 1;
  const [from, to] = step.phase === 'validating' ? [0, 70] : [75, 99];
  return Math.floor(from + fraction * (to - from));
}
