import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { api, mustRead, requireArea } from '../../../../lib/session';
import { Banner } from '../../../ui/form-controls';
import { LedgerTable } from '../../../ui/ledger-table';
import { Money } from '../../../ui/money';
import { PageHeader } from '../../../ui/page-header';
import { EmptyState } from '../../../ui/states';
import { StatusBadge } from '../../../ui/status-badge';
import { TopUpForm } from '../../../ui/top-up-form';
import styles from '../../../ui/ui.module.css';
import { TerminateAllButton } from '../../live-calls/terminate-all-button';
import { topUp } from './top-up-actions';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string; id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { area: requested, id } = await params;
  const { area } = await requireArea(requested);
  const flags = await searchParams;
  const client = await api();
  const path = { params: { path: { id } } };
  const account = await mustRead(client.GET('/accounts/{id}', path));
  const [balance, lines, ledger, live] = await Promise.all([
    mustRead(client.GET('/accounts/{id}/balance', path)),
    mustRead(client.GET('/lines', { params: { query: { accountId: id, limit: 50, sort: 'username' } } })),
    mustRead(client.GET('/accounts/{id}/ledger', { params: { path: { id }, query: { limit: 15 } } })),
    client.GET('/accounts/{id}/live-calls', path),
  ]);
  const base = `/${area}/accounts/${id}`;
  const liveCalls = live.data?.calls.length ?? 0;
  return (
    <>
      {flags.created ? <Banner kind="success">The account is created.</Banner> : null}
      {flags.saved ? <Banner kind="success">Your changes are saved.</Banner> : null}
      <PageHeader
        title={`${account.code} · ${account.name}`}
        description={
          <>
            <StatusBadge status={account.status} /> {account.billingType} · {account.currency} ·{' '}
            {account.timezone}
          </>
        }
        actions={
          <>
            <Link href={`${base}/edit`} className={styles.button}>
              Edit
            </Link>
            <Link href={`/${area}/accounts`} className={styles.buttonSecondary}>
              All accounts
            </Link>
          </>
        }
      />
      <dl className={styles.stats}>
        <div className={styles.stat}>
          <dt>Balance</dt>
          <dd>
            <Money amount={balance.amount} currency={balance.currency} />
          </dd>
        </div>
        <div className={styles.stat}>
          <dt>Available to spend</dt>
          <dd>
            <Money amount={balance.available} currency={balance.currency} />
          </dd>
        </div>
        {balance.billingType === 'postpaid' ? (
          <div className={styles.stat}>
            <dt>Credit limit</dt>
            <dd>
              <Money amount={balance.creditLimit} currency={balance.currency} />
            </dd>
          </div>
        ) : null}
        <div className={styles.stat}>
          <dt>Calls up now</dt>
          <dd>{liveCalls}</dd>
        </div>
      </dl>
      {liveCalls > 0 ? (
        <div className={styles.card}>
          <h2>Live calls</h2>
          <p>
            {liveCalls} call{liveCalls === 1 ? '' : 's'} up.{' '}
            <Link href={`/${area}/live-calls`}>Follow them on the live calls page</Link>.
          </p>
          <TerminateAllButton accountId={id} label={account.code} />
        </div>
      ) : null}
      <div className={styles.twoColumns}>
        <section className={styles.card} aria-labelledby="lines-heading">
          <h2 id="lines-heading">Lines</h2>
          {lines.data.length === 0 ? (
            <EmptyState title="No lines">
              <p>This account has no SIP line yet.</p>
            </EmptyState>
          ) : (
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">SIP user</th>
                  <th scope="col">Caller ID</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {lines.data.map((line) => (
                  <tr key={line.id}>
                    <td className="mono">
                      {line.username}@{line.domain}
                    </td>
                    <td>{line.callerIdNumber ?? '—'}</td>
                    <td>
                      <StatusBadge status={line.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className={styles.card} aria-labelledby="details-heading">
          <h2 id="details-heading">Details</h2>
          <dl className={styles.details}>
            <dt>E-mail</dt>
            <dd>{account.email ?? '—'}</dd>
            <dt>Channel limit</dt>
            <dd>{account.maxChannels ?? 'none'}</dd>
            <dt>Created</dt>
            <dd>{new Date(account.createdAt).toLocaleDateString('en-GB', { dateStyle: 'medium' })}</dd>
            <dt>Account id</dt>
            <dd className="mono">{account.id}</dd>
          </dl>
        </section>
      </div>
      <section className={styles.card} aria-labelledby="top-up-heading">
        <h2 id="top-up-heading">Top up</h2>
        <TopUpForm
          action={topUp.bind(null, area, id)}
          currency={account.currency}
          idempotencyKey={randomUUID()}
          idPrefix="top-up"
          label="Credit a top-up"
        />
      </section>
      <section className={styles.card} aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">Recent ledger</h2>
        <LedgerTable entries={ledger.data} />
      </section>
    </>
  );
}
