import type { Metadata } from 'next';
import { toSearchParams } from '../../../lib/pagination';
import { api, readUnlessForbidden, requireArea } from '../../../lib/session';
import { ConfirmSubmit } from '../../ui/confirm-submit';
import { Banner } from '../../ui/form-controls';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState, ForbiddenState } from '../../ui/states';
import { StatusBadge } from '../../ui/status-badge';
import styles from '../../ui/ui.module.css';
import { createApiKey, revokeApiKey } from './actions';
import { ApiKeyForm } from './api-key-form';
import { SearchButtons } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'API keys' };

const PAGE_SIZE = 25;
const STATUSES = ['active', 'revoked', 'expired'] as const;
type Status = (typeof STATUSES)[number];

const when = (iso: string | null) =>
  iso
    ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
    : '—';

function statusOf(key: { revokedAt: string | null; expiresAt: string | null }): Status {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= Date.now()) return 'expired';
  return 'active';
}

export default async function ApiKeysPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireArea((await params).area);
  const { area } = session;
  const query = toSearchParams(await searchParams);
  const status = STATUSES.find((s) => s === query.get('status'));
  const client = await api();
  const keys = await readUnlessForbidden(
    client.GET('/api-keys', {
      params: {
        query: {
          limit: PAGE_SIZE,
          cursor: query.get('cursor') ?? undefined,
          ...(status ? { status } : {}),
        },
      },
    }),
  );
  const base = `/${area}/api-keys`;
  const header = (
    <PageHeader
      title="API keys"
      description="Keys for your integrations: each acts for your organisation with the permissions you give it."
    />
  );
  if (keys === 'forbidden')
    return (
      <>
        {header}
        <ForbiddenState what="API keys" />
      </>
    );
  return (
    <>
      {header}
      {query.get('revoked') ? <Banner kind="success">Key “{query.get('revoked')}” is revoked.</Banner> : null}
      {query.get('failed') ? <Banner kind="error">The key could not be revoked. Try again.</Banner> : null}
      <ApiKeyForm action={createApiKey.bind(null, area)} granted={session.user.permissions} />
      <form className={styles.toolbar} role="search" action={base}>
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
        <SearchButtons label="Filter" clearHref={status ? base : undefined} />
      </form>
      {keys.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title={status ? `No ${status} key` : 'No API keys yet'}>
            <p>
              {status
                ? 'Try another status.'
                : 'Create a key above for a CRM, a billing system or a script that talks to the API.'}
            </p>
          </EmptyState>
        </div>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Permissions</th>
                <th scope="col">Status</th>
                <th scope="col">Last used (UTC)</th>
                <th scope="col">Expires (UTC)</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => {
                const keyStatus = statusOf(key);
                return (
                  <tr key={key.id} data-key-name={key.name}>
                    <td>{key.name}</td>
                    <td className="mono">{key.prefix}…</td>
                    <td>{key.permissions.join(', ')}</td>
                    <td>
                      <StatusBadge status={keyStatus} />
                    </td>
                    <td style={{ whiteSpace: 'nowrap' }}>{when(key.lastUsedAt)}</td>
                    <td style={{ whiteSpace: 'nowrap' }}>{key.expiresAt ? when(key.expiresAt) : 'never'}</td>
                    <td>
                      {keyStatus === 'active' ? (
                        <form action={revokeApiKey.bind(null, area, key.id)}>
                          <ConfirmSubmit
                            question={`Revoke “${key.name}”? Whatever uses it stops working at once.`}
                            label={`Revoke ${key.name}`}
                            pending="Revoking…"
                          >
                            Revoke
                          </ConfirmSubmit>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager path={base} params={query} nextCursor={keys.nextCursor} shown={keys.data.length} />
    </>
  );
}
