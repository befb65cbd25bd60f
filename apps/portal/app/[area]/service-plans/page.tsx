import type { Metadata } from 'next';
import Link from 'next/link';
import { toSearchParams } from '../../../lib/pagination';
import { api, mustRead, requireArea } from '../../../lib/session';
import { Banner } from '../../ui/form-controls';
import { Money } from '../../ui/money';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState } from '../../ui/states';
import { StatusBadge } from '../../ui/status-badge';
import styles from '../../ui/ui.module.css';
import { rateCardOptions, routingPlanOptions } from '../catalog/options';
import { SearchButtons, SearchField } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'Service plans' };

export default async function ServicePlansPage({
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
  const [page, cards, routing] = await Promise.all([
    mustRead(
      client.GET('/service-plans', {
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
    rateCardOptions(client, 'sell'),
    routingPlanOptions(client),
  ]);
  const cardName = new Map(cards.map((card) => [card.value, card.label]));
  const routingName = new Map(routing.map((plan) => [plan.value, plan.label]));
  const base = `/${area}/service-plans`;
  return (
    <>
      {query.get('created') ? <Banner kind="success">The service plan is created.</Banner> : null}
      {query.get('saved') ? <Banner kind="success">Your changes are saved.</Banner> : null}
      <PageHeader
        title="Service plans"
        description="What your accounts are sold: a sell rate card, routing, a recurring fee and included minutes."
        actions={
          <>
            <Link href={`/${area}/service-templates`} className={styles.buttonSecondary}>
              Service templates
            </Link>
            <Link href={`${base}/new`} className={styles.button}>
              New service plan
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
          <EmptyState title={search ? 'No service plan matches' : 'No service plans yet'}>
            {search ? (
              <p>Try another search.</p>
            ) : (
              <Link href={`${base}/new`} className={styles.button}>
                Create the first plan
              </Link>
            )}
          </EmptyState>
        </div>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">Service plans</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">State</th>
                <th scope="col">Sell rate card</th>
                <th scope="col">Routing</th>
                <th scope="col" className="num">
                  Fee
                </th>
                <th scope="col" className="num">
                  Included min
                </th>
              </tr>
            </thead>
            <tbody>
              {page.data.map((plan) => (
                <tr key={plan.id}>
                  <td>
                    <Link href={`${base}/${plan.id}`}>{plan.name}</Link>
                  </td>
                  <td>
                    <StatusBadge status={plan.active ? 'active' : 'inactive'} />
                  </td>
                  <td>
                    <Link href={`/${area}/rate-cards/${plan.sellRateCardId}`}>
                      {cardName.get(plan.sellRateCardId) ?? 'its card'}
                    </Link>
                  </td>
                  <td>
                    {plan.routingPlanId ? (
                      <Link href={`/${area}/routing-plans/${plan.routingPlanId}`}>
                        {routingName.get(plan.routingPlanId) ?? 'its plan'}
                      </Link>
                    ) : (
                      'your provider’s'
                    )}
                  </td>
                  <td className="num">
                    <Money amount={plan.recurringFee} currency={plan.currency} /> {plan.recurringPeriod}
                  </td>
                  <td className="num">{plan.includedMinutes}</td>
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
