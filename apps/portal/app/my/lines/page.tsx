import type { Metadata } from 'next';
import { api, mustRead, requireArea } from '../../../lib/session';
import { CopyButton } from '../../ui/copy-button';
import { PageHeader } from '../../ui/page-header';
import { EmptyState } from '../../ui/states';
import { StatusBadge } from '../../ui/status-badge';
import styles from '../../ui/ui.module.css';
import { NewPassword } from './new-password';

export const metadata: Metadata = { title: 'My lines' };

export default async function MyLinesPage() {
  await requireArea('my');
  const client = await api();
  const lines = await mustRead(client.GET('/lines', { params: { query: { limit: 100, sort: 'username' } } }));
  return (
    <>
      <PageHeader
        title="My lines"
        description="What to enter in a phone or softphone. Passwords are never stored readable: set a new one to see it."
      />
      {lines.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title="No lines yet">
            <p>Your provider has not set up a phone line for you.</p>
          </EmptyState>
        </div>
      ) : (
        lines.data.map((line) => (
          <section key={line.id} className={styles.card} aria-labelledby={`line-${line.id}`}>
            <h2 id={`line-${line.id}`}>
              {line.callerIdName ?? line.username} <StatusBadge status={line.status} />
            </h2>
            <dl className={styles.details}>
              {[
                { term: 'Username', value: line.username },
                { term: 'Domain / registrar', value: line.domain },
                { term: 'SIP address', value: line.sipUri },
              ].map((row) => (
                <div key={row.term} style={{ display: 'contents' }}>
                  <dt>{row.term}</dt>
                  <dd>
                    <span className={styles.copyRow}>
                      <code>{row.value}</code>
                      <CopyButton value={row.value} label={`${row.term.toLowerCase()} of ${line.username}`} />
                    </span>
                  </dd>
                </div>
              ))}
              <dt>Caller ID</dt>
              <dd>{line.callerIdNumber ?? '—'}</dd>
            </dl>
            <div style={{ marginTop: '1rem' }}>
              <NewPassword lineId={line.id} username={line.username} />
            </div>
          </section>
        ))
      )}
    </>
  );
}
