import type { components } from '@tollgate/sdk';
import type { Metadata } from 'next';
import { formErrorsOf } from '../../../lib/api-errors';
import { toSearchParams } from '../../../lib/pagination';
import { api, mustRead, readUnlessForbidden, requireArea } from '../../../lib/session';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState, ForbiddenState } from '../../ui/states';
import styles from '../../ui/ui.module.css';
import { utcMomentOf } from '../../ui/form-values';
import { SearchButtons } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'Audit log' };

type Entry = components['schemas']['AuditLogEntryDto'];

const PAGE_SIZE = 50;
/** Actors offered in the filter: the logins and keys the caller may see (the API scopes both lists). */
const ACTORS_LISTED = 200;

export default async function AuditLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { area } = await requireArea((await params).area);
  const query = toSearchParams(await searchParams);
  const filters = {
    actor: query.get('actor') ?? '',
    action: query.get('action') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
  };
  const [actorKind, actorId] = filters.actor.split(':');
  const client = await api();
  const answer = await client.GET('/audit-log', {
    params: {
      query: {
        limit: PAGE_SIZE,
        cursor: query.get('cursor') ?? undefined,
        ...(actorKind === 'user' && actorId ? { actorUserId: actorId } : {}),
        ...(actorKind === 'key' && actorId ? { actorApiKeyId: actorId } : {}),
        ...(filters.action ? { action: filters.action } : {}),
        ...(filters.from ? { from: utcMomentOf(filters.from) } : {}),
        ...(filters.to ? { to: utcMomentOf(filters.to) } : {}),
      },
    },
  });
  const header = (
    <PageHeader title="Audit log" description="Who changed what, when and from where, newest first." />
  );
  if (answer.response.status === 403)
    return (
      <>
        {header}
        <ForbiddenState what="the audit log" />
      </>
    );
  // A bad filter (a date the wrong way round) is named at its field, not a broken page.
  const filterErrors = answer.response.status === 400 ? formErrorsOf(answer.error, 400).fields : {};
  const entries = answer.response.status === 400 ? null : await mustRead(Promise.resolve(answer));
  const [users, keys] = await Promise.all([
    readUnlessForbidden(client.GET('/users', { params: { query: { kind: 'staff', limit: ACTORS_LISTED } } })),
    readUnlessForbidden(client.GET('/api-keys', { params: { query: { limit: ACTORS_LISTED } } })),
  ]);
  const actors = new Map<string, string>();
  if (users !== 'forbidden') for (const user of users.data) actors.set(`user:${user.id}`, user.email);
  if (keys !== 'forbidden') for (const key of keys.data) actors.set(`key:${key.id}`, `API key “${key.name}”`);
  const base = `/${area}/audit-log`;
  const filtered = Object.values(filters).some(Boolean);
  return (
    <>
      {header}
      <form className={styles.toolbar} role="search" action={base} aria-label="Filter the audit log">
        <div className={styles.field} style={{ flex: '1 1 14rem' }}>
          <label htmlFor="actor">Who</label>
          <select id="actor" name="actor" className={styles.input} defaultValue={filters.actor}>
            <option value="">Anyone</option>
            {[...actors].map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <FilterField
          name="action"
          label="Action"
          value={filters.action}
          placeholder="e.g. banned-ip.create"
          error={filterErrors.action}
        />
        <FilterField
          name="from"
          label="From (UTC)"
          type="datetime-local"
          value={filters.from}
          error={filterErrors.from}
        />
        <FilterField
          name="to"
          label="Until (UTC)"
          type="datetime-local"
          value={filters.to}
          error={filterErrors.to}
        />
        <SearchButtons label="Filter" clearHref={filtered ? base : undefined} />
      </form>
      {!entries || entries.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title={filtered ? 'No entry matches' : 'Nothing has changed yet'}>
            <p>
              {filtered
                ? 'Try other filters, or clear them.'
                : 'Every change made in this console or through the API is written here.'}
            </p>
          </EmptyState>
        </div>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">Audit log</caption>
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">What changed</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {entries.data.map((entry) => (
                <tr key={entry.id} data-action={entry.action}>
                  <td style={{ whiteSpace: 'nowrap' }}>
                    {new Date(entry.createdAt).toLocaleString('en-GB', {
                      dateStyle: 'medium',
                      timeStyle: 'medium',
                      timeZone: 'UTC',
                    })}
                  </td>
                  <td>{actorOf(entry, actors)}</td>
                  <td className="mono">{entry.action}</td>
                  <td>
                    <Changes entry={entry} />
                  </td>
                  <td className="mono">{entry.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {entries ? (
        <Pager path={base} params={query} nextCursor={entries.nextCursor} shown={entries.data.length} />
      ) : null}
    </>
  );
}

function FilterField({
  name,
  label,
  value,
  error,
  type = 'text',
  placeholder,
}: {
  name: string;
  label: string;
  value: string;
  error?: string;
  type?: string;
  placeholder?: string;
}) {
  return (
    <div className={styles.field}>
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        type={type}
        className={styles.input}
        defaultValue={value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
      />
      {error ? (
        <span id={`${name}-error`} className={styles.fieldError} data-field-error={name}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** The actor as a name when the caller may see it; a login above the caller's organisation stays unnamed. */
function actorOf(entry: Entry, actors: Map<string, string>): string {
  if (entry.actorUserId) return actors.get(`user:${entry.actorUserId}`) ?? 'a login outside your list';
  if (entry.actorApiKeyId) return actors.get(`key:${entry.actorApiKeyId}`) ?? 'an API key';
  return 'the platform';
}

function Changes({ entry }: { entry: Entry }) {
  const fields = Object.entries(entry.changes ?? {});
  const subject = (
    <span>
      {entry.entityType}{' '}
      <span className="mono" title={entry.entityId}>
        {entry.entityId.slice(0, 8)}
      </span>
    </span>
  );
  if (fields.length === 0) return subject;
  return (
    <details>
      <summary>
        {subject} · {fields.length} field{fields.length === 1 ? '' : 's'}
      </summary>
      <dl className={styles.details} style={{ marginTop: '0.4rem', fontSize: '0.88rem' }}>
        {fields.map(([field, change]) => (
          <div key={field} style={{ display: 'contents' }}>
            <dt className="mono">{field}</dt>
            <dd className="mono">{describeChange(change)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function describeChange(change: unknown): string {
  const show = (value: unknown) =>
    value === undefined || value === null ? '∅' : typeof value === 'string' ? value : JSON.stringify(value);
  if (change && typeof change === 'object' && ('before' in change || 'after' in change)) {
    const { before, after } = change as { before?: unknown; after?: unknown };
    return `${show(before)} → ${show(after)}`;
  }
  return show(change);
}
