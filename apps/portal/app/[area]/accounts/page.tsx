import type { Metadata } from 'next';
import Link from 'next/link';
import { toSearchParams } from '../../../lib/pagination';
import { api, mustRead, requireArea } from '../../../lib/session';
import { Money } from '../../ui/money';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState } from '../../ui/states';
import { StatusBadge } from '../../ui/status-badge';
import styles from '../../ui/ui.module.css';
import { SearchButtons, SearchField } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'Accounts' };

const STATUSES = ['active', 'suspended', 'closed'] as const;
const PAGE_SIZE = 25;

type Status = (typeof STATUSES)[number];

export default async function AccountsPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { area } = await requireArea((await params).area);
  const query = toSearchParams(await searchParams);
  const search = query.get('search') ?? '';
  const status = STATUSES.find((s) => s === query.get('status')) as Status | undefined;
  const client = await api();
  const page = await mustRead(
    client.GET('/accounts', {
      params: {
        query: {
          limit: PAGE_SIZE,
          cursor: query.get('cursor') ?? undefined,
          sort: 'code',
          order: 'asc',
          ...(search ? { search } : {}),
          ...(status ? { status } : {}),
        },
      },
    }),
  );
  const base = `/${area}/accounts`;
  const filtered = Boolean(search || status);
  return (
    <>
      <PageHeader
        title="Accounts"
        description="Your customers: their balance, status and plan."
        actions={
          <Link href={`${base}/new`} className={styles.button}>
            New account
          </Link>
        }
      />
      <form className={styles.toolbar} role="search" action={base}>
        <SearchField defaultValue={search} placeholder="Code, name or e-mail" />
        <div className={styles.field}>
          <label htmlFor="status">Status</label>
          <select id="status" name="status" className={styles.input} defaultValue={status ?? ''}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <SearchButtons clearHref={filtered ? base : undefined} />
      </form>
      {page.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title={filtered ? 'No account matches' : 'No accounts yet'}>
            {filtered ? (
              <p>Try another search, or clear the filters.</p>
            ) : (
              <Link href={`${base}/new`} className={styles.button}>
                Create the first account
              </Link>
            )}
          </EmptyState>
        </div>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">Accounts</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Billing</th>
                <th scope="col" className="num">
                  Balance
                </th>
              </tr>
            </thead>
            <tbody>
              {page.data.map((account) => (
                <tr key={account.id}>
                  <td>
                    <Link href={`${base}/${account.id}`}>{account.code}</Link>
                  </td>
                  <td>{account.name}</td>
                  <td>
                    <StatusBadge status={account.status} />
                  </td>
                  <td>{account.billingType}</td>
                  <td className="num">
                    <Money amount={account.balance} currency={account.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path={base} params={query} nextCursor={page.nextCursor} shown={page.data.length} />
    </>
  );
}
