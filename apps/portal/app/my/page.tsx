import type { Metadata } from 'next';
import Link from 'next/link';
import { api, mustRead, requireArea } from '../../lib/session';
import { formatMoment } from '../../lib/time-range';
import { KIND_LABELS } from '../ui/ledger-kinds';
import { LedgerTable } from '../ui/ledger-table';
import { Money } from '../ui/money';
import { PageHeader } from '../ui/page-header';
import styles from '../ui/ui.module.css';

export const metadata: Metadata = { title: 'My balance' };

const RECENT_DAYS = 30;

export default async function MyBalancePage() {
  const session = await requireArea('my');
  const id = session.user.accountId!;
  const client = await api();
  const path = { params: { path: { id } } };
  const since = new Date(Date.now() - RECENT_DAYS * 86_400_000).toISOString();
  const [account, balance, ledger, recent, calls] = await Promise.all([
    mustRead(client.GET('/accounts/{id}', path)),
    mustRead(client.GET('/accounts/{id}/balance', path)),
    mustRead(client.GET('/accounts/{id}/ledger', { params: { path: { id }, query: { limit: 20 } } })),
    mustRead(
      client.GET('/accounts/{id}/ledger-totals', { params: { path: { id }, query: { from: since } } }),
    ),
    mustRead(client.GET('/cdrs', { params: { query: { limit: 5 } } })),
  ]);
  const callCharges = recent.totals.find((total) => total.kind === 'call_charge');
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
          <dt>Calls in the last {RECENT_DAYS} days</dt>
          <dd data-testid="my-recent-calls-spend">
            <Money amount={callCharges?.amount ?? '0'} currency={recent.currency} />
          </dd>
        </div>
      </dl>
      <div className={styles.twoColumns}>
        <section className={styles.card} aria-labelledby="spend-heading">
          <h2 id="spend-heading">Spend in the last {RECENT_DAYS} days</h2>
          {recent.totals.length === 0 ? (
            <p>Nothing moved on your account in the last {RECENT_DAYS} days.</p>
          ) : (
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">What</th>
                  <th scope="col" className="num">
                    Movements
                  </th>
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {recent.totals.map((total) => (
                  <tr key={total.kind}>
                    <td>{KIND_LABELS[total.kind]}</td>
                    <td className="num">{total.entries}</td>
                    <td className="num">
                      <Money amount={total.amount} currency={recent.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className={styles.card} aria-labelledby="recent-calls-heading">
          <h2 id="recent-calls-heading">Latest calls</h2>
          {calls.data.length === 0 ? (
            <p>No calls yet.</p>
          ) : (
            <ul style={{ listStyle: 'none', padding: 0, margin: '0 0 0.75rem' }}>
              {calls.data.map((cdr) => (
                <li key={cdr.id} className={styles.copyRow} style={{ justifyContent: 'space-between' }}>
                  <span>
                    <span className="mono">
                      {cdr.direction === 'inbound'
                        ? `from ${cdr.caller ?? 'unknown'}`
                        : `+${cdr.destination}`}
                    </span>{' '}
                    <span className={styles.hint}>{formatMoment(cdr.startedAt)}</span>
                  </span>
                  {cdr.price === null ? (
                    <span>being priced</span>
                  ) : (
                    <Money amount={cdr.price} currency={cdr.currency} />
                  )}
                </li>
              ))}
            </ul>
          )}
          <Link href="/my/calls">All my calls</Link>
        </section>
      </div>
      <section className={styles.card} aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">Recent spend and top-ups</h2>
        <LedgerTable entries={ledger.data} />
      </section>
    </>
  );
}
