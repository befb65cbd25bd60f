import type { Metadata } from 'next';
import Link from 'next/link';
import { toSearchParams } from '../../../../lib/pagination';
import { readRateCardState } from '../../../../lib/rate-card-state';
import { api, mustRead, requireArea } from '../../../../lib/session';
import { Banner } from '../../../ui/form-controls';
import { Money } from '../../../ui/money';
import { PageHeader } from '../../../ui/page-header';
import { Pager } from '../../../ui/pager';
import { EmptyState } from '../../../ui/states';
import { StatusBadge } from '../../../ui/status-badge';
import styles from '../../../ui/ui.module.css';
import { CardState } from '../../catalog/card-state';
import { formatInstant } from '../../catalog/format';
import { RateDeckImportPanel } from './rate-deck-import';
import { SearchButtons, SearchField } from '../../../ui/search-controls';

export const metadata: Metadata = { title: 'Rate card' };

const PAGE_SIZE = 50;

export default async function RateCardPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { area: requested, id } = await params;
  const { area } = await requireArea(requested);
  const query = toSearchParams(await searchParams);
  const prefix = (query.get('prefix') ?? '').replace(/\D/g, '');
  const destination = query.get('destination') ?? '';
  const allVersions = query.get('versions') === 'all';
  const client = await api();
  const card = await mustRead(client.GET('/rate-cards/{id}', { params: { path: { id } } }));
  const [rates, imports, state] = await Promise.all([
    mustRead(
      client.GET('/rate-cards/{id}/rates', {
        params: {
          path: { id },
          query: {
            limit: PAGE_SIZE,
            cursor: query.get('cursor') ?? undefined,
            sort: 'prefix',
            order: 'asc',
            ...(prefix ? { prefixStartsWith: prefix } : {}),
            ...(destination ? { destination } : {}),
            ...(allVersions ? {} : { activeAt: new Date().toISOString() }),
          },
        },
      }),
    ),
    mustRead(client.GET('/rate-cards/{id}/imports', { params: { path: { id }, query: { limit: 5 } } })),
    readRateCardState(client, id),
  ]);
  const base = `/${area}/rate-cards/${id}`;
  const filtered = Boolean(prefix || destination || allVersions);
  return (
    <>
      {query.get('created') ? (
        <Banner kind="success">The rate card is created. Import its rates below.</Banner>
      ) : null}
      {query.get('saved') ? <Banner kind="success">Your changes are saved.</Banner> : null}
      <PageHeader
        title={card.name}
        description={
          <>
            {card.kind === 'sell' ? 'Sell card' : 'Buy card'} · {card.currency} · {card.timezone} ·{' '}
            <CardState state={state} />
          </>
        }
        actions={
          <>
            <Link href={`${base}/edit`} className={styles.button}>
              Edit
            </Link>
            <a href={`${base}/export?format=csv`} className={styles.buttonSecondary} download>
              Export CSV
            </a>
            <a href={`${base}/export?format=xlsx`} className={styles.buttonSecondary} download>
              Export XLSX
            </a>
            <Link href={`/${area}/rate-cards`} className={styles.buttonSecondary}>
              All rate cards
            </Link>
          </>
        }
      />
      {card.description ? <p>{card.description}</p> : null}
      <section className={styles.card} aria-labelledby="rates-heading">
        <h2 id="rates-heading">Rates</h2>
        <form className={styles.toolbar} role="search" action={base}>
          <div className={styles.field}>
            <label htmlFor="prefix">Prefix starts with</label>
            <input
              id="prefix"
              name="prefix"
              inputMode="numeric"
              className={styles.input}
              defaultValue={prefix}
              placeholder="e.g. 4915"
            />
          </div>
          <SearchField
            name="destination"
            label="Destination"
            defaultValue={destination}
            placeholder="Part of the name"
            width="14rem"
          />
          <div className={styles.field}>
            <label htmlFor="versions">Show</label>
            <select
              id="versions"
              name="versions"
              className={styles.input}
              defaultValue={allVersions ? 'all' : ''}
            >
              <option value="">In force now</option>
              <option value="all">Every version (past and scheduled)</option>
            </select>
          </div>
          <SearchButtons label="Search rates" clearHref={filtered ? base : undefined} />
        </form>
        {rates.data.length === 0 ? (
          <EmptyState title={filtered ? 'No rate matches' : 'No rates in force'}>
            <p>
              {filtered
                ? 'Try another prefix or destination.'
                : 'Import a deck below; rates that start later show under “Every version”.'}
            </p>
          </EmptyState>
        ) : (
          <div className={styles.tableWrap}>
            <table className={styles.table} data-testid="rates">
              <caption className="visually-hidden">Rates of {card.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Prefix</th>
                  <th scope="col">Destination</th>
                  <th scope="col" className="num">
                    Per minute
                  </th>
                  <th scope="col" className="num">
                    Connect
                  </th>
                  <th scope="col">Pulses</th>
                  <th scope="col">From</th>
                  <th scope="col">Until</th>
                </tr>
              </thead>
              <tbody>
                {rates.data.map((rate) => (
                  <tr key={rate.id}>
                    <td className="mono">{rate.prefix || '(any)'}</td>
                    <td>{rate.destination ?? '—'}</td>
                    <td className="num">
                      <Money amount={rate.pricePerMinute} currency={card.currency} digits={6} />
                    </td>
                    <td className="num">
                      <Money amount={rate.connectFee} currency={card.currency} digits={6} />
                    </td>
                    <td>
                      {rate.firstInterval}/{rate.nextInterval}
                    </td>
                    <td>{formatInstant(rate.effectiveFrom)}</td>
                    <td>{rate.effectiveTo ? formatInstant(rate.effectiveTo) : 'further notice'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager path={base} params={query} nextCursor={rates.nextCursor} shown={rates.data.length} />
      </section>
      <section className={styles.card} aria-labelledby="import-heading">
        <h2 id="import-heading">Import a deck</h2>
        <RateDeckImportPanel area={area} cardId={id} />
      </section>
      <section className={styles.card} aria-labelledby="imports-heading">
        <h2 id="imports-heading">Recent imports</h2>
        {imports.data.length === 0 ? (
          <EmptyState title="No imports yet">
            <p>Every import of this card is listed here with its outcome.</p>
          </EmptyState>
        ) : (
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <caption className="visually-hidden">Recent imports</caption>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Effective from</th>
                  <th scope="col">Status</th>
                  <th scope="col">Requested</th>
                </tr>
              </thead>
              <tbody>
                {imports.data.map((deckImport) => (
                  <tr key={deckImport.id}>
                    <td>
                      <Link href={`${base}/imports/${deckImport.id}`}>{deckImport.fileName}</Link>
                    </td>
                    <td>{deckImport.mode}</td>
                    <td>{formatInstant(deckImport.effectiveFrom)}</td>
                    <td>
                      <StatusBadge status={deckImport.status} />
                    </td>
                    <td>{formatInstant(deckImport.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
