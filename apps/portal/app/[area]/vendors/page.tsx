import type { Metadata } from 'next';
import Link from 'next/link';
import { toSearchParams } from '../../../lib/pagination';
import { api, mustRead, requireArea } from '../../../lib/session';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState } from '../../ui/states';
import { StatusBadge } from '../../ui/status-badge';
import styles from '../../ui/ui.module.css';
import { rateCardOptions } from '../catalog/options';
import { SearchButtons, SearchField } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'Vendors' };

export default async function VendorsPage({
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
  const [page, buyCards] = await Promise.all([
    mustRead(
      client.GET('/vendors', {
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
    ),
    rateCardOptions(client, 'buy'),
  ]);
  const cardName = new Map(buyCards.map((card) => [card.value, card.label]));
  const base = `/${area}/vendors`;
  return (
    <>
      <PageHeader
        title="Vendors"
        description="The carriers your calls go out through: their buy rates and SIP trunks."
        actions={
          <Link href={`${base}/new`} className={styles.button}>
            New vendor
          </Link>
        }
      />
      <form className={styles.toolbar} role="search" action={base}>
        <SearchField defaultValue={search} placeholder="Part of the name" />
        <SearchButtons clearHref={search ? base : undefined} />
      </form>
      {page.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title={search ? 'No vendor matches' : 'No vendors yet'}>
            {search ? (
              <p>Try another search.</p>
            ) : (
              <Link href={`${base}/new`} className={styles.button}>
                Add your first carrier
              </Link>
            )}
          </EmptyState>
        </div>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">Vendors</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">State</th>
                <th scope="col">Currency</th>
                <th scope="col">Buy rate card</th>
                <th scope="col" className="num">
                  Priority
                </th>
              </tr>
            </thead>
            <tbody>
              {page.data.map((vendor) => (
                <tr key={vendor.id}>
                  <td>
                    <Link href={`${base}/${vendor.id}`}>{vendor.name}</Link>
                  </td>
                  <td>
                    <StatusBadge status={vendor.enabled ? 'enabled' : 'disabled'} />
                  </td>
                  <td>{vendor.currency}</td>
                  <td>
                    {vendor.buyRateCardId ? (
                      <Link href={`/${area}/rate-cards/${vendor.buyRateCardId}`}>
                        {cardName.get(vendor.buyRateCardId) ?? 'its card'}
                      </Link>
                    ) : (
                      'none'
                    )}
                  </td>
                  <td className="num">{vendor.priority}</td>
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
