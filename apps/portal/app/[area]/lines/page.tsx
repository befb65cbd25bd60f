import type { Metadata } from 'next';
import Link from 'next/link';
import { toSearchParams } from '../../../lib/pagination';
import { api, mustRead, requireArea } from '../../../lib/session';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState } from '../../ui/states';
import { StatusBadge } from '../../ui/status-badge';
import styles from '../../ui/ui.module.css';
import { SearchButtons, SearchField } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'Lines' };

export default async function LinesPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { area } = await requireArea((await params).area);
  const query = toSearchParams(await searchParams);
  const search = query.get('search') ?? '';
  const client = await api();
  const page = await mustRead(
    client.GET('/lines', {
      params: {
        query: {
          limit: 25,
          cursor: query.get('cursor') ?? undefined,
          sort: 'username',
          order: 'asc',
          ...(search ? { search } : {}),
        },
      },
    }),
  );
  const base = `/${area}/lines`;
  return (
    <>
      <PageHeader
        title="Lines"
        description="SIP users of every account: what phones register and call with."
      />
      <form className={styles.toolbar} role="search" action={base}>
        <SearchField defaultValue={search} placeholder="SIP user, caller ID" />
        <SearchButtons clearHref={search ? base : undefined} />
      </form>
      {page.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title={search ? 'No line matches' : 'No lines yet'}>
            <p>{search ? 'Try another search.' : 'Lines are added to an account.'}</p>
          </EmptyState>
        </div>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">Lines</caption>
            <thead>
              <tr>
                <th scope="col">SIP user</th>
                <th scope="col">Caller ID</th>
                <th scope="col">Channels</th>
                <th scope="col">Status</th>
                <th scope="col">Account</th>
              </tr>
            </thead>
            <tbody>
              {page.data.map((line) => (
                <tr key={line.id}>
                  <td className="mono">
                    {line.username}@{line.domain}
                  </td>
                  <td>
                    {line.callerIdName ? `${line.callerIdName} ` : ''}
                    {line.callerIdNumber ?? '—'}
                  </td>
                  <td>{line.maxChannels ?? 'account limit'}</td>
                  <td>
                    <StatusBadge status={line.status} />
                  </td>
                  <td>
                    <Link href={`/${area}/accounts/${line.accountId}`}>Open account</Link>
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
