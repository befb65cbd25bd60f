import type { Metadata } from 'next';
import Link from 'next/link';
import { accountChoiceOf, accountsById } from '../../../lib/account-choices';
import { toSearchParams } from '../../../lib/pagination';
import { api, mustRead, readSearch, requireArea } from '../../../lib/session';
import { formatDuration, formatMoment } from '../../../lib/time-range';
import { AccountPicker } from '../../ui/account-picker';
import { Field, FormBanner, SelectField } from '../../ui/form-controls';
import { Money } from '../../ui/money';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState } from '../../ui/states';
import { StatusBadge } from '../../ui/status-badge';
import styles from '../../ui/ui.module.css';
import { cdrFilterOf, DIRECTIONS, DISPOSITIONS, filterParams, RATING_STATUSES } from './cdr-search';
import { SearchButtons } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'CDRs' };

const PAGE_SIZE = 50;

const any = (label: string, values: ReadonlyArray<string>) => [
  { value: '', label },
  ...values.map((value) => ({ value, label: value.replace(/-/g, ' ') })),
];

export default async function CdrsPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { area } = await requireArea((await params).area);
  const search = toSearchParams(await searchParams);
  const { query, errors: rangeErrors } = cdrFilterOf(search);
  const client = await api();
  const [chosenAccount, vendors, lines] = await Promise.all([
    accountChoiceOf(client, query.accountId),
    mustRead(client.GET('/vendors', { params: { query: { limit: 200, sort: 'name', order: 'asc' } } })),
    query.accountId
      ? client
          .GET('/lines', { params: { query: { accountId: query.accountId, limit: 200, sort: 'username' } } })
          .then((answer) => answer.data?.data ?? [])
      : Promise.resolve([]),
  ]);
  const hasRangeErrors = Object.keys(rangeErrors).length > 0;
  const result = hasRangeErrors
    ? undefined
    : await readSearch(
        client.GET('/cdrs', {
          params: { query: { limit: PAGE_SIZE, cursor: search.get('cursor') ?? undefined, ...query } },
        }),
      );
  const errors = { ...rangeErrors, ...(result?.errors?.fields ?? {}) };
  const page = result?.data;
  const base = `/${area}/cdrs`;
  const filters = filterParams(search);
  const filtered = filters.size > 0;
  const accounts = await accountsById(client, page?.data.map((cdr) => cdr.accountId) ?? []);
  const value = (name: string) => search.get(name) ?? '';
  return (
    <>
      <PageHeader
        title="CDRs"
        description="Every call of your accounts, with what it cost. Days are in UTC."
        actions={
          <a
            href={`${base}/export${filtered ? `?${filters.toString()}` : ''}`}
            className={styles.buttonSecondary}
            download
          >
            Export CSV
          </a>
        }
      />
      <form className={styles.card} role="search" action={base} aria-label="Search CDRs">
        {Object.keys(errors).length > 0 ? (
          <FormBanner errors={{ message: 'Some filters need your attention.', fields: errors }} />
        ) : null}
        <div className={styles.formGrid}>
          <Field name="from" label="From day" type="date" defaultValue={value('from')} error={errors.from} />
          <Field
            name="to"
            label="To day (included)"
            type="date"
            defaultValue={value('to')}
            error={errors.to}
          />
          <AccountPicker
            name="accountId"
            label="Account"
            defaultChoice={chosenAccount}
            error={errors.accountId}
            optional
          />
          {lines.length > 0 ? (
            <SelectField
              name="lineId"
              label="Line"
              defaultValue={value('lineId')}
              error={errors.lineId}
              options={[
                { value: '', label: 'Any line' },
                ...lines.map((line) => ({ value: line.id, label: `${line.username}@${line.domain}` })),
              ]}
            />
          ) : null}
          <Field
            name="number"
            label="Number"
            inputMode="tel"
            defaultValue={value('number')}
            error={errors.number}
            hint="Destination prefix or exact caller, e.g. +4930"
          />
          {vendors.data.length > 0 ? (
            <SelectField
              name="vendorId"
              label="Vendor"
              defaultValue={value('vendorId')}
              error={errors.vendorId}
              options={[
                { value: '', label: 'Any vendor' },
                ...vendors.data.map((vendor) => ({ value: vendor.id, label: vendor.name })),
              ]}
            />
          ) : null}
          <SelectField
            name="disposition"
            label="Disposition"
            defaultValue={value('disposition')}
            error={errors.disposition}
            options={any('Any', DISPOSITIONS)}
          />
          <SelectField
            name="direction"
            label="Direction"
            defaultValue={value('direction')}
            error={errors.direction}
            options={any('Both', DIRECTIONS)}
          />
          <SelectField
            name="ratingStatus"
            label="Rating"
            defaultValue={value('ratingStatus')}
            error={errors.ratingStatus}
            options={any('Rated or not', RATING_STATUSES)}
          />
        </div>
        <SearchButtons clearHref={filtered ? base : undefined} primary />
      </form>
      {!page ? null : page.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title={filtered ? 'No call matches' : 'No calls yet'}>
            <p>
              {filtered
                ? 'Widen the days or clear a filter.'
                : 'Calls appear here a moment after they end, rated at every level.'}
            </p>
          </EmptyState>
        </div>
      ) : (
        <>
          <div className={styles.tableWrap}>
            <table className={styles.table} data-testid="cdr-table">
              <caption className="visually-hidden">Calls, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">Account</th>
                  <th scope="col">From → to</th>
                  <th scope="col">Call</th>
                  <th scope="col" className="num">
                    Duration
                  </th>
                  <th scope="col" className="num">
                    Billed
                  </th>
                  <th scope="col" className="num">
                    Price
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.data.map((cdr) => (
                  <tr key={cdr.id}>
                    <td style={{ whiteSpace: 'nowrap' }}>
                      <Link href={`${base}/${cdr.id}`} aria-label={`Call of ${formatMoment(cdr.startedAt)}`}>
                        {formatMoment(cdr.startedAt)}
                      </Link>
                    </td>
                    <td>{accounts.get(cdr.accountId)?.code ?? '—'}</td>
                    <td className="mono">
                      {cdr.caller ?? 'unknown'} → +{cdr.destination}
                    </td>
                    <td>
                      <StatusBadge status={cdr.disposition} /> {cdr.direction}
                    </td>
                    <td className="num">{formatDuration(cdr.durationSeconds)}</td>
                    <td className="num">{cdr.billedSeconds === null ? '—' : `${cdr.billedSeconds} s`}</td>
                    <td className="num">
                      {cdr.price === null ? (
                        <StatusBadge status={cdr.ratingStatus} />
                      ) : (
                        <Money amount={cdr.price} currency={cdr.currency} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager path={base} params={search} nextCursor={page.nextCursor} shown={page.data.length} />
        </>
      )}
    </>
  );
}
