import type { RateDeckImport, RateDeckProblem } from '../../../../lib/rate-deck-imports';
import styles from '../../../ui/ui.module.css';

/** The rows an import rejected: line (the header is line 1), column, what the cell held, and why. */
export function ProblemsTable({ problems }: { problems: RateDeckProblem[] }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} data-testid="rejected-rows">
        <caption className="visually-hidden">Rejected rows</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Line
            </th>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem) => (
            <tr key={problem.id}>
              <td className="num">{problem.line}</td>
              <td className="mono">{problem.field}</td>
              <td className="mono">{problem.value ?? '—'}</td>
              <td>{problem.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ImportOutcome({ outcome }: { outcome: NonNullable<RateDeckImport['outcome']> }) {
  return (
    <div className={styles.bannerSuccess} role="status" data-testid="import-outcome">
      Done: {outcome.created} rates created, {outcome.updated} updated, {outcome.ended} ended,{' '}
      {outcome.deleted} deleted, {outcome.unchanged} unchanged.
    </div>
  );
}
