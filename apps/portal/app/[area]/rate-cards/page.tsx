import type { Metadata } from 'next';
import Link from 'next/link';
import { toSearchParams } from '../../../lib/pagination';
import { readRateCardState } from '../../../lib/rate-card-state';
import { api, mustRead, requireArea } from '../../../lib/session';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState } from '../../ui/states';
import styles from '../../ui/ui.module.css';
import { formatInstant } from '../catalog/format';
import { CardState } from '../catalog/card-state';
import { SearchButtons, SearchField } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'Rate cards' };

const PAGE_SIZE = 25;

export default async function RateCardsPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { area } = await requireArea((await params).area);
  const query = toSearchParams(await searchParams);
  const search = query.get('search') ?? '';
  const kind = (['sell', 'buy'] as const).find((k) => k === query.get('kind'));
  const client = await api();
  const page = await mustRead(
    client.GET('/rate-cards', {
      params: {
        query: {
          limit: PAGE_SIZE,
          cursor: query.get('cursor') ?? undefined,
          sort: 'name',
          order: 'asc',
          ...(search ? { search } : {}),
          ...(kind ? { kind } : {}),
        },
      },
    }),
  );
  const states = await Promise.all(page.data.map((card) => readRateCardState(client, card.id)));
  const base = `/${area}/rate-cards`;
  const filtered = Boolean(search || kind);
  return (
    <>
      <PageHeader
        title="Rate cards"
        description="What your customers pay (sell) and what your vendors charge (buy), per destination."
        actions={
          <Link href={`${base}/new`} className={styles.button}>
            New rate card
          </Link>
        }
      />
      <form className={styles.toolbar} role="search" action={base}>
        <SearchField defaultValue={search} placeholder="Part of the name" />
        <div className={styles.field}>
          <label htmlFor="kind">Kind</label>
          <select id="kind" name="kind" className={styles.input} defaultValue={kind ?? ''}>
            <option value="">Any</option>
            <option value="sell">Sell</option>
            <option value="buy">Buy</option>
          </select>
        </div>
        <SearchButtons clearHref={filtered ? base : undefined} />
      </form>
      {page.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title={filtered ? 'No rate card matches' : 'No rate cards yet'}>
            {filtered ? (
              <p>Try another search, or clear the filters.</p>
            ) : (
              <Link href={`${base}/new`} className={styles.button}>
                Create the first rate card
              </Link>
            )}
          </EmptyState>
        </div>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">Rate cards</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Currency</th>
                <th scope="col">State</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {page.data.map((card, index) => (
                <tr key={card.id}>
                  <td>
                    <Link href={`${base}/${card.id}`}>{card.name}</Link>
                  </td>
                  <td>{card.kind}</td>
                  <td>{card.currency}</td>
                  <td>
                    <CardState state={states[index] ?? null} />
                  </td>
                  <td>{formatInstant(card.updatedAt)}</td>
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
