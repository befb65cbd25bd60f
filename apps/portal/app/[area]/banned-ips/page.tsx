import type { Metadata } from 'next';
import { formErrorsOf } from '../../../lib/api-errors';
import { toSearchParams } from '../../../lib/pagination';
import { api, mustRead, requireArea } from '../../../lib/session';
import { ConfirmSubmit } from '../../ui/confirm-submit';
import { Banner } from '../../ui/form-controls';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState } from '../../ui/states';
import styles from '../../ui/ui.module.css';
import { banIp, unbanIp } from './actions';
import { BanForm } from './ban-form';
import { SearchButtons } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'Banned IPs' };

const PAGE_SIZE = 25;
const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function BannedIpsPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { area } = await requireArea((await params).area);
  const query = toSearchParams(await searchParams);
  const contains = query.get('contains') ?? '';
  const inForce = query.get('state') !== 'all';
  const client = await api();
  const answer = await client.GET('/banned-ips', {
    params: {
      query: {
        limit: PAGE_SIZE,
        cursor: query.get('cursor') ?? undefined,
        ...(contains ? { contains } : {}),
        ...(inForce ? { activeAt: new Date().toISOString() } : {}),
      },
    },
  });
  // A mistyped address in the search is the user's to fix, not a broken page.
  const searchError =
    answer.response.status === 400 ? (formErrorsOf(answer.error, 400).fields.contains ?? 'is invalid') : '';
  const bans = searchError ? null : await mustRead(Promise.resolve(answer));
  const base = `/${area}/banned-ips`;
  const lifted = query.get('lifted');
  const filtered = Boolean(contains) || !inForce;
  return (
    <>
      <PageHeader
        title="Banned IPs"
        description="Addresses and networks whose SIP traffic is refused before it reaches a line."
      />
      {lifted ? <Banner kind="success">{lifted} is no longer banned.</Banner> : null}
      {query.get('failed') ? <Banner kind="error">The ban could not be lifted. Try again.</Banner> : null}
      <BanForm action={banIp.bind(null, area)} />
      <form className={styles.toolbar} role="search" action={base}>
        <div className={styles.field} style={{ flex: '1 1 14rem' }}>
          <label htmlFor="contains">Containing the address</label>
          <input
            id="contains"
            name="contains"
            type="search"
            className={styles.input}
            defaultValue={contains}
            placeholder="e.g. 203.0.113.7"
            aria-invalid={searchError ? true : undefined}
            aria-describedby={searchError ? 'contains-error' : undefined}
          />
          {searchError ? (
            <span id="contains-error" className={styles.fieldError}>
              {searchError}
            </span>
          ) : null}
        </div>
        <div className={styles.field}>
          <label htmlFor="state">Show</label>
          <select id="state" name="state" className={styles.input} defaultValue={inForce ? '' : 'all'}>
            <option value="">In force</option>
            <option value="all">Expired too</option>
          </select>
        </div>
        <SearchButtons clearHref={filtered ? base : undefined} />
      </form>
      {!bans || bans.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title={filtered ? 'No ban matches' : 'Nothing is banned'}>
            <p>
              {filtered
                ? 'Try another address, or clear the search.'
                : 'Ban an address above when it floods your platform with registrations or fraudulent calls.'}
            </p>
          </EmptyState>
        </div>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">Banned addresses</caption>
            <thead>
              <tr>
                <th scope="col">Network</th>
                <th scope="col">Reason</th>
                <th scope="col">Since</th>
                <th scope="col">Until (UTC)</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {bans.data.map((ban) => (
                <tr key={ban.id} data-cidr={ban.cidr}>
                  <td className="mono">{ban.cidr}</td>
                  <td>{ban.reason ?? '—'}</td>
                  <td style={{ whiteSpace: 'nowrap' }}>{when(ban.createdAt)}</td>
                  <td style={{ whiteSpace: 'nowrap' }}>
                    {ban.expiresAt ? when(ban.expiresAt) : 'until unbanned'}
                    {ban.expiresAt && Date.parse(ban.expiresAt) <= Date.now() ? ' (expired)' : ''}
                  </td>
                  <td>
                    <form action={unbanIp.bind(null, area, ban.id, ban.cidr)}>
                      <ConfirmSubmit
                        question={`Lift the ban on ${ban.cidr}?`}
                        label={`Unban ${ban.cidr}`}
                        pending="Unbanning…"
                        variant="secondary"
                      >
                        Unban
                      </ConfirmSubmit>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {bans ? (
        <Pager path={base} params={query} nextCursor={bans.nextCursor} shown={bans.data.length} />
      ) : null}
    </>
  );
}
