import type { Metadata } from 'next';
import Link from 'next/link';
import { STRATEGY_LABELS } from '../../../lib/catalog-fields';
import { toSearchParams } from '../../../lib/pagination';
import { api, mustRead, requireArea } from '../../../lib/session';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState } from '../../ui/states';
import styles from '../../ui/ui.module.css';
import { marginGuardOf } from '../catalog/format';
import { SearchButtons, SearchField } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'Routing plans' };

export default async function RoutingPlansPage({
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
    client.GET('/routing-plans', {
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
  const base = `/${area}/routing-plans`;
  return (
    <>
      <PageHeader
        title="Routing plans"
        description="Which vendors carry your customers’ calls, in which order, and with what margin."
        actions={
          <>
            <Link href={`/${area}/routing-test`} className={styles.buttonSecondary}>
              Test a number
            </Link>
            <Link href={`${base}/new`} className={styles.button}>
              New routing plan
            </Link>
          </>
        }
      />
      <form className={styles.toolbar} role="search" action={base}>
        <SearchField defaultValue={search} placeholder="Part of the name" />
        <SearchButtons clearHref={search ? base : undefined} />
      </form>
      {page.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title={search ? 'No routing plan matches' : 'No routing plans yet'}>
            {search ? (
              <p>Try another search.</p>
            ) : (
              <>
                <p>Without a plan of your own, calls follow the routing of your provider.</p>
                <Link href={`${base}/new`} className={styles.button}>
                  Create a routing plan
                </Link>
              </>
            )}
          </EmptyState>
        </div>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">Routing plans</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Strategy</th>
                <th scope="col">Margin guard</th>
                <th scope="col" className="num">
                  Max vendors
                </th>
              </tr>
            </thead>
            <tbody>
              {page.data.map((plan) => (
                <tr key={plan.id}>
                  <td>
                    <Link href={`${base}/${plan.id}`}>{plan.name}</Link>
                  </td>
                  <td>{STRATEGY_LABELS[plan.strategy]}</td>
                  <td>{marginGuardOf(plan)}</td>
                  <td className="num">{plan.maxVendors}</td>
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
