import type { Metadata } from 'next';
import { toSearchParams } from '../../../lib/pagination';
import { api, mustRead, requireArea } from '../../../lib/session';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState } from '../../ui/states';
import styles from '../../ui/ui.module.css';
import { SearchButtons, SearchField } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'Resellers' };

export default async function ResellersPage({
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
    client.GET('/resellers', {
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
  const base = `/${area}/resellers`;
  return (
    <>
      <PageHeader
        title={area === 'owner' ? 'Resellers' : 'Sub-resellers'}
        description="Partners who buy from you and sell to their own customers, under their own brand."
      />
      <form className={styles.toolbar} role="search" action={base}>
        <SearchField defaultValue={search} placeholder="Name" />
        <SearchButtons clearHref={search ? base : undefined} />
      </form>
      {page.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title={search ? 'No reseller matches' : 'No resellers yet'}>
            <p>{search ? 'Try another search.' : 'Resellers you create through the API appear here.'}</p>
          </EmptyState>
        </div>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">Resellers</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Brand</th>
                <th scope="col">Billing</th>
                <th scope="col">Currency</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {page.data.map((reseller) => (
                <tr key={reseller.id}>
                  <td>{reseller.name}</td>
                  <td>
                    <span className={styles.copyRow}>
                      {reseller.settings.primaryColor ? (
                        <span
                          aria-hidden="true"
                          style={{
                            width: '1rem',
                            height: '1rem',
                            borderRadius: '4px',
                            background: reseller.settings.primaryColor,
                            display: 'inline-block',
                          }}
                        />
                      ) : null}
                      {reseller.settings.brandName ?? '—'}
                    </span>
                  </td>
                  <td>{reseller.settings.billingType}</td>
                  <td>{reseller.settings.defaultCurrency}</td>
                  <td>{new Date(reseller.createdAt).toLocaleDateString('en-GB', { dateStyle: 'medium' })}</td>
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
