import type { Metadata } from 'next';
import Link from 'next/link';
import { accountChoiceOf, accountLabel, accountsById } from '../../../lib/account-choices';
import { SERVICE_KIND_LABELS } from '../../../lib/catalog-fields';
import { toSearchParams } from '../../../lib/pagination';
import { api, mustRead, requireArea } from '../../../lib/session';
import { AccountPicker } from '../../ui/account-picker';
import { Banner } from '../../ui/form-controls';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState } from '../../ui/states';
import { StatusBadge } from '../../ui/status-badge';
import styles from '../../ui/ui.module.css';
import { SearchButtons, SearchField } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'Services' };

const KINDS = ['subscriber_line', 'sip_trunk', 'hosted_pbx'] as const;
const STATUSES = ['active', 'suspended', 'terminated'] as const;

export default async function ServicesPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { area } = await requireArea((await params).area);
  const query = toSearchParams(await searchParams);
  const search = query.get('search') ?? '';
  const accountId = query.get('accountId') ?? '';
  const kind = KINDS.find((k) => k === query.get('kind'));
  const status = STATUSES.find((s) => s === query.get('status'));
  const client = await api();
  const [page, chosenAccount] = await Promise.all([
    mustRead(
      client.GET('/services', {
        params: {
          query: {
            limit: 25,
            cursor: query.get('cursor') ?? undefined,
            sort: 'name',
            order: 'asc',
            ...(search ? { search } : {}),
            ...(accountId ? { accountId } : {}),
            ...(kind ? { kind } : {}),
            ...(status ? { status } : {}),
          },
        },
      }),
    ),
    accountChoiceOf(client, accountId),
  ]);
  const accounts = await accountsById(
    client,
    page.data.map((service) => service.accountId),
  );
  const base = `/${area}/services`;
  const filtered = Boolean(search || accountId || kind || status);
  return (
    <>
      {query.get('created') ? <Banner kind="success">The service is created.</Banner> : null}
      {query.get('saved') ? <Banner kind="success">Your changes are saved.</Banner> : null}
      <PageHeader
        title="Services"
        description="What each account has: subscriber lines, SIP trunks and hosted PBXs."
        actions={
          <Link href={`${base}/new${accountId ? `?accountId=${accountId}` : ''}`} className={styles.button}>
            New service
          </Link>
        }
      />
      <form className={styles.toolbar} role="search" action={base}>
        <SearchField defaultValue={search} width="12rem" />
        <div style={{ flex: '1 1 16rem' }}>
          <AccountPicker
            id="accountId"
            name="accountId"
            label="Account"
            defaultChoice={chosenAccount}
            optional
          />
        </div>
        <div className={styles.field}>
          <label htmlFor="kind">Kind</label>
          <select id="kind" name="kind" className={styles.input} defaultValue={kind ?? ''}>
            <option value="">Any</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {SERVICE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor="status">Status</label>
          <select id="status" name="status" className={styles.input} defaultValue={status ?? ''}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <SearchButtons clearHref={filtered ? base : undefined} />
      </form>
      {page.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title={filtered ? 'No service matches' : 'No services yet'}>
            {filtered ? (
              <p>Try another search, or clear the filters.</p>
            ) : (
              <Link href={`${base}/new`} className={styles.button}>
                Create the first service
              </Link>
            )}
          </EmptyState>
        </div>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">Services</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Account</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Channels
                </th>
              </tr>
            </thead>
            <tbody>
              {page.data.map((service) => (
                <tr key={service.id}>
                  <td>
                    <Link href={`${base}/${service.id}`}>{service.name}</Link>
                  </td>
                  <td>
                    <Link href={`/${area}/accounts/${service.accountId}`}>
                      {accounts.has(service.accountId)
                        ? accountLabel(accounts.get(service.accountId)!)
                        : 'its account'}
                    </Link>
                  </td>
                  <td>{SERVICE_KIND_LABELS[service.kind]}</td>
                  <td>
                    <StatusBadge status={service.status} />
                  </td>
                  <td className="num">{service.maxChannels ?? 'unlimited'}</td>
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
