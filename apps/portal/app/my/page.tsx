import type { Metadata } from 'next';
import { api, mustRead, requireArea } from '../../lib/session';
import { LedgerTable } from '../ui/ledger-table';
import { Money } from '../ui/money';
import { PageHeader } from '../ui/page-header';
import styles from '../ui/ui.module.css';

export const metadata: Metadata = { title: 'My balance' };

export default async function MyBalancePage() {
  const session = await requireArea('my');
  const id = session.user.accountId!;
  const client = await api();
  const path = { params: { path: { id } } };
  const [account, balance, ledger] = await Promise.all([
    mustRead(client.GET('/accounts/{id}', path)),
    mustRead(client.GET('/accounts/{id}/balance', path)),
    mustRead(client.GET('/accounts/{id}/ledger', { params: { path: { id }, query: { limit: 20 } } })),
  ]);
  const spent = ledger.data.filter((entry) => entry.amount.startsWith('-'));
  return (
    <>
      <PageHeader
        title={`Hello, ${session.user.displayName}`}
        description={`${account.name} · account ${account.code}`}
      />
      <dl className={styles.stats}>
        <div className={styles.stat}>
          <dt>Balance</dt>
          <dd data-testid="my-balance">
            <Money amount={balance.amount} currency={balance.currency} />
          </dd>
        </div>
        <div className={styles.stat}>
          <dt>Available to spend</dt>
          <dd>
            <Money amount={balance.available} currency={balance.currency} />
          </dd>
        </div>
        <div className={styles.stat}>
          <dt>Charges in the last {ledger.data.length} movements</dt>
          <dd>{spent.length}</dd>
        </div>
      </dl>
      <section className={styles.card} aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">Recent spend and top-ups</h2>
        <LedgerTable entries={ledger.data} />
      </section>
    </>
  );
}
