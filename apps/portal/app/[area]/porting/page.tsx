import type { Metadata } from 'next';
import Link from 'next/link';
import { accountsById } from '../../../lib/account-choices';
import { toSearchParams } from '../../../lib/pagination';
import { api, readSearch, requireArea } from '../../../lib/session';
import { formatDay, formatMoment } from '../../../lib/time-range';
import { Field, FormBanner, SelectField } from '../../ui/form-controls';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState } from '../../ui/states';
import { StatusBadge } from '../../ui/status-badge';
import styles from '../../ui/ui.module.css';
import { DIRECTION_LABELS, numbersSummary, PORTING_STATUSES } from './porting-options';
import { SearchButtons } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'Porting requests' };

export default async function PortingRequestsPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { area } = await requireArea((await params).area);
  const search = toSearchParams(await searchParams);
  const status = PORTING_STATUSES.find((s) => s === search.get('status'));
  const direction = (['port_in', 'port_out'] as const).find((d) => d === search.get('direction'));
  const number = search.get('number')?.replace(/[\s()-]/g, '') ?? '';
  const client = await api();
  const result = await readSearch(
    client.GET('/porting-requests', {
      params: {
        query: {
          limit: 50,
          cursor: search.get('cursor') ?? undefined,
          sort: 'createdAt',
          order: 'desc',
          ...(status ? { status } : {}),
          ...(direction ? { direction } : {}),
          ...(number ? { number } : {}),
        },
      },
    }),
  );
  const base = `/${area}/porting`;
  const filtered = Boolean(status || direction || number);
  const accounts = await accountsById(client, result.data?.data.map((request) => request.accountId) ?? []);
  const errors = result.errors?.fields ?? {};
  return (
    <>
      <PageHeader
        title="Porting requests"
        description="Numbers coming from another carrier, and numbers leaving for one."
        actions={
          <Link href={`${base}/new`} className={styles.button}>
            New porting request
          </Link>
        }
      />
      <form className={styles.toolbar} role="search" action={base} aria-label="Search porting requests">
        <SelectField
          name="status"
          label="Status"
          defaultValue={status ?? ''}
          options={[{ value: '', label: 'Any' }, ...PORTING_STATUSES.map((s) => ({ value: s, label: s }))]}
        />
        <SelectField
          name="direction"
          label="Direction"
          defaultValue={direction ?? ''}
          options={[
            { value: '', label: 'Both' },
            { value: 'port_in', label: DIRECTION_LABELS.port_in },
            { value: 'port_out', label: DIRECTION_LABELS.port_out },
          ]}
        />
        <Field
          name="number"
          label="Number"
          inputMode="tel"
          defaultValue={search.get('number') ?? ''}
          error={errors.number}
          placeholder="+493023125099"
        />
        <SearchButtons clearHref={filtered ? base : undefined} />
      </form>
      {result.errors ? (
        <FormBanner errors={result.errors} />
      ) : result.data.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title={filtered ? 'No request matches' : 'No porting requests yet'}>
            {filtered ? (
              <p>Try another status or number.</p>
            ) : (
              <Link href={`${base}/new`} className={styles.button}>
                Start a porting request
              </Link>
            )}
          </EmptyState>
        </div>
      ) : (
        <>
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <caption className="visually-hidden">Porting requests, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Numbers</th>
                  <th scope="col">Direction</th>
                  <th scope="col">Account</th>
                  <th scope="col">Status</th>
                  <th scope="col">Scheduled</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {result.data.data.map((request) => (
                  <tr key={request.id}>
                    <td className="mono">
                      <Link href={`${base}/${request.id}`}>{numbersSummary(request.numbers)}</Link>
                    </td>
                    <td>{DIRECTION_LABELS[request.direction]}</td>
                    <td>{accounts.get(request.accountId)?.code ?? '—'}</td>
                    <td>
                      <StatusBadge status={request.status} />
                    </td>
                    <td>{request.scheduledAt ? formatMoment(request.scheduledAt) : '—'}</td>
                    <td>{formatDay(request.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            path={base}
            params={search}
            nextCursor={result.data.nextCursor}
            shown={result.data.data.length}
          />
        </>
      )}
    </>
  );
}
