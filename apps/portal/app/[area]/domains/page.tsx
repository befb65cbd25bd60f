import type { Metadata } from 'next';
import Link from 'next/link';
import { toSearchParams } from '../../../lib/pagination';
import { api, mustRead, requireArea } from '../../../lib/session';
import { Banner } from '../../ui/form-controls';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState } from '../../ui/states';
import { StatusBadge } from '../../ui/status-badge';
import styles from '../../ui/ui.module.css';
import { SearchButtons, SearchField } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'Domains' };

export default async function DomainsPage({
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
    client.GET('/domains', {
      params: {
        query: {
          limit: 25,
          cursor: query.get('cursor') ?? undefined,
          sort: 'name',
          order: 'asc',
          ...(search ? { search } : {}),
        },
      },
    }),
  );
  const base = `/${area}/domains`;
  return (
    <>
      {query.get('created') ? <Banner kind="success">The domain is created.</Banner> : null}
      {query.get('saved') ? <Banner kind="success">Your changes are saved.</Banner> : null}
      <PageHeader
        title="Domains"
        description="The SIP domains your customers’ lines register to."
        actions={
          <Link href={`${base}/new`} className={styles.button}>
            New domain
          </Link>
        }
      />
      <form className={styles.toolbar} role="search" action={base}>
        <SearchField defaultValue={search} />
        <SearchButtons clearHref={search ? base : undefined} />
      </form>
      {page.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title={search ? 'No domain matches' : 'No domains yet'}>
            {search ? (
              <p>Try another search.</p>
            ) : (
              <Link href={`${base}/new`} className={styles.button}>
                Add your first domain
              </Link>
            )}
          </EmptyState>
        </div>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">Domains</caption>
            <thead>
              <tr>
                <th scope="col">Domain</th>
                <th scope="col">Description</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {page.data.map((domain) => (
                <tr key={domain.id}>
                  <td className="mono">
                    <Link href={`${base}/${domain.id}`}>{domain.name}</Link>
                  </td>
                  <td>{domain.description ?? '—'}</td>
                  <td>
                    <StatusBadge status={domain.enabled ? 'enabled' : 'disabled'} />
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
