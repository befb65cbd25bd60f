import type { components } from '@tollgate/sdk';
import { Money } from './money';
import { EmptyState } from './states';
import styles from './ui.module.css';

type LedgerEntry = components['schemas']['LedgerEntryDto'];

const KIND_LABELS: Record<LedgerEntry['kind'], string> = {
  top_up: 'Top-up',
  call_charge: 'Calls',
  recurring_fee: 'Recurring fee',
  did_fee: 'Number fee',
  adjustment: 'Adjustment',
  refund: 'Refund',
  invoice_payment: 'Invoice payment',
};

/** Money movements, newest first: credits positive, charges negative. */
export function LedgerTable({ entries }: { entries: LedgerEntry[] }) {
  if (entries.length === 0)
    return (
      <EmptyState title="No movements yet">
        <p>Top-ups, call charges and fees appear here.</p>
      </EmptyState>
    );
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">When</th>
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
              <td>{KIND_LABELS[entry.kind]}</td>
              <td>{entry.description ?? '—'}</td>
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
