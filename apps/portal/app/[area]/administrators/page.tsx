import type { Metadata } from 'next';
import Link from 'next/link';
import { toSearchParams } from '../../../lib/pagination';
import { api, readUnlessForbidden, requireArea } from '../../../lib/session';
import { Banner } from '../../ui/form-controls';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState, ForbiddenState } from '../../ui/states';
import { StatusBadge } from '../../ui/status-badge';
import styles from '../../ui/ui.module.css';
import { SearchButtons, SearchField } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'Administrators' };

const PAGE_SIZE = 25;
const ROLE_LABELS: Record<string, string> = {
  admin: 'Administrator',
  billing: 'Billing',
  read_only: 'Read-only',
};

export default async function AdministratorsPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireArea((await params).area);
  const { area } = session;
  const query = toSearchParams(await searchParams);
  const search = query.get('search') ?? '';
  const client = await api();
  // The staff of the caller's own tenant: its resellers' logins are theirs to manage.
  const users = await readUnlessForbidden(
    client.GET('/users', {
      params: {
        query: {
          kind: 'staff',
          tenantId: session.user.tenantId,
          limit: PAGE_SIZE,
          cursor: query.get('cursor') ?? undefined,
          ...(search ? { search } : {}),
        },
      },
    }),
  );
  const base = `/${area}/administrators`;
  const newLogin = (
    <Link href={`${base}/new`} className={styles.button}>
      New login
    </Link>
  );
  const header = (
    <PageHeader
      title="Administrators"
      description="The people who work in this console, and what their role lets them do."
      actions={users === 'forbidden' ? undefined : newLogin}
    />
  );
  if (users === 'forbidden')
    return (
      <>
        {header}
        <ForbiddenState what="the logins of your organisation" />
      </>
    );
  return (
    <>
      {header}
      {query.get('created') ? <Banner kind="success">{query.get('created')} can now log in.</Banner> : null}
      <form className={styles.toolbar} role="search" action={base}>
        <SearchField defaultValue={search} placeholder="Name or e-mail" />
        <SearchButtons clearHref={search ? base : undefined} />
      </form>
      {users.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title={search ? 'No login matches' : 'No logins yet'}>
            {search ? <p>Try another search, or clear it.</p> : newLogin}
          </EmptyState>
        </div>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">Logins</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Last login (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.id}>
                  <td>
                    <Link href={`${base}/${user.id}`}>{user.displayName}</Link>
                    {user.id === session.user.id ? ' (you)' : ''}
                  </td>
                  <td>{user.email}</td>
                  <td>{ROLE_LABELS[user.role] ?? user.role}</td>
                  <td>
                    <StatusBadge status={user.active ? 'active' : 'deactivated'} />
                  </td>
                  <td style={{ whiteSpace: 'nowrap' }}>
                    {user.lastLoginAt
                      ? new Date(user.lastLoginAt).toLocaleString('en-GB', {
                          dateStyle: 'medium',
                          timeStyle: 'short',
                          timeZone: 'UTC',
                        })
                      : 'never'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path={base} params={query} nextCursor={users.nextCursor} shown={users.data.length} />
    </>
  );
}
