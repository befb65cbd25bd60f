import type { Metadata } from 'next';
import Link from 'next/link';
import { api, mustRead, requireArea } from '../../../../lib/session';
import { formatMoment } from '../../../../lib/time-range';
import { Banner } from '../../../ui/form-controls';
import { PageHeader } from '../../../ui/page-header';
import { EmptyState } from '../../../ui/states';
import { StatusBadge } from '../../../ui/status-badge';
import styles from '../../../ui/ui.module.css';
import { DIRECTION_LABELS } from '../porting-options';
import { deletePortingDocument, movePortingRequest, uploadPortingDocument } from './actions';
import { DeleteDocumentButton, NoteForm, StepForm, UploadForm } from './porting-forms';

export const metadata: Metadata = { title: 'Porting request' };

const DONE: Record<string, string> = {
  created: 'The request is saved as a draft. Add its documents, then submit it.',
  submit: 'The request is submitted.',
  accept: 'The request is accepted with its port date.',
  reject: 'The request is rejected.',
  complete: 'The port is complete.',
  cancel: 'The request is cancelled.',
  note: 'The note is added to the history.',
  document: 'The document is added.',
  'document-deleted': 'The document is deleted.',
};

const OPEN = new Set(['draft', 'submitted', 'accepted']);

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export default async function PortingRequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string; id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { area: requested, id } = await params;
  const { area } = await requireArea(requested);
  const { done } = await searchParams;
  const client = await api();
  const path = { params: { path: { id } } };
  const request = await mustRead(client.GET('/porting-requests/{id}', path));
  const [events, documents, account] = await Promise.all([
    mustRead(
      client.GET('/porting-requests/{id}/events', { params: { path: { id }, query: { limit: 200 } } }),
    ),
    mustRead(client.GET('/porting-requests/{id}/documents', path)),
    client.GET('/accounts/{id}', { params: { path: { id: request.accountId } } }).then((a) => a.data),
  ]);
  const move = (step: Parameters<typeof movePortingRequest>[2]) =>
    movePortingRequest.bind(null, area, id, step);
  const open = OPEN.has(request.status);
  const base = `/${area}/porting/${id}`;
  return (
    <>
      {done && DONE[done] ? <Banner kind="success">{DONE[done]}</Banner> : null}
      <PageHeader
        title={`${DIRECTION_LABELS[request.direction]} of ${request.numbers.length} number${request.numbers.length === 1 ? '' : 's'}`}
        description={
          <>
            <StatusBadge status={request.status} /> {request.losingCarrier} → {request.gainingCarrier}
          </>
        }
        actions={
          <Link href={`/${area}/porting`} className={styles.buttonSecondary}>
            All porting requests
          </Link>
        }
      />
      <div className={styles.twoColumns}>
        <section className={styles.card} aria-labelledby="request-heading">
          <h2 id="request-heading">Request</h2>
          <dl className={styles.details}>
            <dt>Status</dt>
            <dd data-testid="porting-status">{request.status}</dd>
            <dt>Account</dt>
            <dd>
              <Link href={`/${area}/accounts/${request.accountId}`}>
                {account ? `${account.code} · ${account.name}` : 'Open the account'}
              </Link>
            </dd>
            <dt>Numbers</dt>
            <dd className="mono">{request.numbers.map((number) => `+${number}`).join(', ')}</dd>
            <dt>Country</dt>
            <dd>{request.country}</dd>
            <dt>Requested day</dt>
            <dd>{request.requestedDate ?? '—'}</dd>
            <dt>Scheduled</dt>
            <dd>{formatMoment(request.scheduledAt)}</dd>
            <dt>Submitted</dt>
            <dd>{formatMoment(request.submittedAt)}</dd>
            <dt>Closed</dt>
            <dd>{formatMoment(request.closedAt)}</dd>
            {request.rejectionReason ? (
              <>
                <dt>Rejected because</dt>
                <dd>{request.rejectionReason}</dd>
              </>
            ) : null}
            <dt>Notes</dt>
            <dd style={{ whiteSpace: 'pre-wrap' }}>{request.notes ?? '—'}</dd>
          </dl>
        </section>
        <section className={styles.card} aria-labelledby="documents-heading">
          <h2 id="documents-heading">Documents</h2>
          {documents.data.length === 0 ? (
            <EmptyState title="No documents yet">
              <p>The losing carrier usually needs a letter of authorisation and a recent bill.</p>
            </EmptyState>
          ) : (
            <ul style={{ listStyle: 'none', padding: 0, margin: '0 0 1rem' }}>
              {documents.data.map((document) => (
                <li key={document.id} className={styles.copyRow} style={{ marginBottom: '0.5rem' }}>
                  <a href={`${base}/documents/${document.id}`} download={document.fileName}>
                    {document.fileName}
                  </a>
                  <span className={styles.hint}>
                    {document.contentType.replace(/^\w+\//, '').toUpperCase()} ·{' '}
                    {fileSize(document.sizeBytes)} · {formatMoment(document.createdAt)}
                  </span>
                  {open ? (
                    <DeleteDocumentButton
                      name={document.fileName}
                      action={deletePortingDocument.bind(null, area, id, document.id)}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {open ? <UploadForm action={uploadPortingDocument.bind(null, area, id)} /> : null}
        </section>
      </div>
      {open ? (
        <section aria-labelledby="moves-heading">
          <h2 id="moves-heading" className="visually-hidden">
            Next steps
          </h2>
          <div className={styles.twoColumns}>
            {request.status === 'draft' ? (
              <StepForm action={move('submit')} step="submit" label="Submit to the losing carrier" />
            ) : null}
            {request.status === 'submitted' ? (
              <StepForm action={move('accept')} step="accept" label="Accept with a port date" />
            ) : null}
            {request.status === 'accepted' ? (
              <StepForm action={move('complete')} step="complete" label="Complete the port" />
            ) : null}
            {request.status !== 'draft' ? (
              <StepForm action={move('reject')} step="reject" label="Reject" variant="danger" />
            ) : null}
            <StepForm action={move('cancel')} step="cancel" label="Cancel the request" variant="secondary" />
          </div>
        </section>
      ) : null}
      <section className={styles.card} aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {events.data.length === 0 ? (
          <EmptyState title="No history" />
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table className={styles.table} data-testid="porting-history">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">What</th>
                  <th scope="col">Status</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {events.data.map((event) => (
                  <tr key={event.id}>
                    <td style={{ whiteSpace: 'nowrap' }}>{formatMoment(event.createdAt)}</td>
                    <td>{event.event.replace(/_/g, ' ')}</td>
                    <td>
                      {event.fromStatus && event.fromStatus !== event.toStatus
                        ? `${event.fromStatus} → `
                        : ''}
                      {event.toStatus}
                    </td>
                    <td>{event.note ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <NoteForm action={move('note')} />
      </section>
    </>
  );
}
