import type { Metadata } from 'next';
import { api, mustRead, requireArea } from '../../../lib/session';
import { Money } from '../../ui/money';
import { PageHeader } from '../../ui/page-header';
import { EmptyState } from '../../ui/states';
import { StatusBadge } from '../../ui/status-badge';
import styles from '../../ui/ui.module.css';

export const metadata: Metadata = { title: 'My numbers' };

export default async function MyDidsPage() {
  await requireArea('my');
  const client = await api();
  const dids = await mustRead(client.GET('/dids', { params: { query: { limit: 100, sort: 'number' } } }));
  return (
    <>
      <PageHeader title="My numbers" description="The phone numbers (DIDs) that ring your lines." />
      {dids.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title="No numbers yet">
            <p>Ask your provider for a phone number.</p>
          </EmptyState>
        </div>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">My numbers</caption>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Country</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Monthly
                </th>
                <th scope="col" className="num">
                  Per minute in
                </th>
              </tr>
            </thead>
            <tbody>
              {dids.data.map((did) => (
                <tr key={did.id}>
                  <td className="mono">+{did.number}</td>
                  <td>{did.country}</td>
                  <td>
                    <StatusBadge status={did.status} />
                  </td>
                  <td className="num">
                    <Money amount={did.sellMonthlyFee} currency={did.currency} />
                  </td>
                  <td className="num">
                    <Money amount={did.sellPerMinute} currency={did.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
