import type { components } from '@tollgate/sdk';
import { KIND_LABELS } from './ledger-kinds';
import { Money } from './money';
import { EmptyState } from './states';
import styles from './ui.module.css';

type LedgerEntry = components['schemas']['LedgerEntryDto'];

/**
 * Money movements, newest first: credits positive, charges negative. Lists of several parties name each
 * entry's party (`partyOf`).
 */
export function LedgerTable({
  entries,
  partyOf,
  emptyTitle = 'No movements yet',
}: {
  entries: LedgerEntry[];
  partyOf?: (entry: LedgerEntry) => string;
  emptyTitle?: string;
}) {
  if (entries.length === 0)
    return (
      <EmptyState title={emptyTitle}>
        <p>Top-ups, call charges and fees appear here.</p>
      </EmptyState>
    );
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">When</th>
            {partyOf ? <th scope="col">Party</th> : null}
            <th scope="col">What</th>
            <th scope="col">Description</th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td style={{ whiteSpace: 'nowrap' }}>
                {new Date(entry.createdAt).toLocaleString('en-GB', {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                })}
              </td>
              {partyOf ? <td>{partyOf(entry)}</td> : null}
              <td>{KIND_LABELS[entry.kind]}</td>
              <td>{entry.description ?? entry.reference ?? '—'}</td>
              <td className="num">
                <Money amount={entry.amount} currency={entry.currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
