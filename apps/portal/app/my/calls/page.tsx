import type { Metadata } from 'next';
import Link from 'next/link';
import { toSearchParams } from '../../../lib/pagination';
import { api, readSearch, requireArea } from '../../../lib/session';
import { dayRange, formatDuration, formatMoment } from '../../../lib/time-range';
import { Field, FormBanner } from '../../ui/form-controls';
import { Money } from '../../ui/money';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState } from '../../ui/states';
import styles from '../../ui/ui.module.css';

export const metadata: Metadata = { title: 'My calls' };

const DISPOSITION_LABELS: Record<string, string> = {
  answered: 'Answered',
  'not-answered': 'No answer',
  busy: 'Busy',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** An end user's own calls with what each cost; the API answers with its account's CDRs only. */
export default async function MyCallsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireArea('my');
  const search = toSearchParams(await searchParams);
  const range = dayRange(search.get('from'), search.get('to'));
  const client = await api();
  const result =
    Object.keys(range.errors).length > 0
      ? undefined
      : await readSearch(
          client.GET('/cdrs', {
            params: {
              query: {
                limit: 50,
                cursor: search.get('cursor') ?? undefined,
                ...(range.from ? { from: range.from } : {}),
                ...(range.to ? { to: range.to } : {}),
              },
            },
          }),
        );
  const errors = { ...range.errors, ...(result?.errors?.fields ?? {}) };
  const filtered = Boolean(search.get('from') || search.get('to'));
  const page = result?.data;
  return (
    <>
      <PageHeader
        title="My calls"
        description="Your calls, newest first, with what each one cost. Times are in UTC."
      />
      <form className={styles.toolbar} role="search" action="/my/calls" aria-label="Calls by day">
        <Field
          name="from"
          label="From day"
          type="date"
          defaultValue={search.get('from') ?? ''}
          error={errors.from}
        />
        <Field
          name="to"
          label="To day (included)"
          type="date"
          defaultValue={search.get('to') ?? ''}
          error={errors.to}
        />
        <button type="submit" className={styles.buttonSecondary}>
          Show
        </button>
        {filtered ? (
          <Link href="/my/calls" className={styles.buttonSecondary}>
            All calls
          </Link>
        ) : null}
      </form>
      {Object.keys(errors).length > 0 ? (
        <FormBanner errors={{ message: 'Check the days.', fields: errors }} />
      ) : null}
      {!page ? null : page.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title={filtered ? 'No calls on those days' : 'No calls yet'}>
            <p>{filtered ? 'Try other days.' : 'Your calls appear here a moment after they end.'}</p>
          </EmptyState>
        </div>
      ) : (
        <>
          <div className={styles.tableWrap}>
            <table className={styles.table} data-testid="my-calls">
              <caption className="visually-hidden">My calls, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Call</th>
                  <th scope="col">When</th>
                  <th scope="col" className="num">
                    Cost
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.data.map((cdr) => (
                  <tr key={cdr.id}>
                    <td>
                      <span className="mono">
                        {cdr.direction === 'inbound'
                          ? `from ${cdr.caller ?? 'unknown'}`
                          : `+${cdr.destination}`}
                      </span>
                      <br />
                      <span className={styles.hint}>
                        {cdr.direction === 'inbound' ? 'Incoming' : 'Outgoing'} ·{' '}
                        {DISPOSITION_LABELS[cdr.disposition] ?? cdr.disposition} ·{' '}
                        {formatDuration(cdr.durationSeconds)}
                      </span>
                    </td>
                    <td>{formatMoment(cdr.startedAt)}</td>
                    <td className="num">
                      {cdr.price === null ? (
                        <span title={cdr.unratedReason ?? undefined}>being priced</span>
                      ) : (
                        <Money amount={cdr.price} currency={cdr.currency} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager path="/my/calls" params={search} nextCursor={page.nextCursor} shown={page.data.length} />
        </>
      )}
    </>
  );
}
