import type { Metadata } from 'next';
import Link from 'next/link';
import { toSearchParams } from '../../../../../../lib/pagination';
import { api, mustRead, requireArea } from '../../../../../../lib/session';
import { PageHeader } from '../../../../../ui/page-header';
import { Pager } from '../../../../../ui/pager';
import { StatusBadge } from '../../../../../ui/status-badge';
import styles from '../../../../../ui/ui.module.css';
import { formatInstant } from '../../../../catalog/format';
import { ImportOutcome, ProblemsTable } from '../../import-report';

export const metadata: Metadata = { title: 'Rate deck import' };

/** One import: what it was asked to do, what it did, and every row it rejected (paged). */
export default async function RateDeckImportPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string; id: string; importId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { area: requested, id, importId } = await params;
  const { area } = await requireArea(requested);
  const query = toSearchParams(await searchParams);
  const client = await api();
  const path = { id, importId };
  const [card, deckImport] = await Promise.all([
    mustRead(client.GET('/rate-cards/{id}', { params: { path: { id } } })),
    mustRead(client.GET('/rate-cards/{id}/imports/{importId}', { params: { path } })),
  ]);
  const problems =
    deckImport.status === 'rejected'
      ? await mustRead(
          client.GET('/rate-cards/{id}/imports/{importId}/problems', {
            params: { path, query: { limit: 100, cursor: query.get('cursor') ?? undefined } },
          }),
        )
      : null;
  const base = `/${area}/rate-cards/${id}`;
  return (
    <>
      <PageHeader
        title={`Import of ${deckImport.fileName}`}
        description={
          <>
            <StatusBadge status={deckImport.status} /> into {card.name} · {deckImport.mode} from{' '}
            {formatInstant(deckImport.effectiveFrom)}
          </>
        }
        actions={
          <Link href={base} className={styles.buttonSecondary}>
            Back to {card.name}
          </Link>
        }
      />
      <dl className={styles.stats}>
        <div className={styles.stat}>
          <dt>Rows read</dt>
          <dd>{deckImport.rowsRead}</dd>
        </div>
        <div className={styles.stat}>
          <dt>Rows written</dt>
          <dd>{deckImport.rowsWritten}</dd>
        </div>
        <div className={styles.stat}>
          <dt>Rows rejected</dt>
          <dd>{deckImport.rowsRejected}</dd>
        </div>
        <div className={styles.stat}>
          <dt>Finished</dt>
          <dd>{formatInstant(deckImport.finishedAt)}</dd>
        </div>
      </dl>
      {deckImport.outcome ? <ImportOutcome outcome={deckImport.outcome} /> : null}
      {deckImport.error ? (
        <div className={styles.bannerError} role="alert">
          The import failed: {deckImport.error}
        </div>
      ) : null}
      {problems ? (
        <section className={styles.card} aria-labelledby="problems-heading">
          <h2 id="problems-heading">Rejected rows</h2>
          <p>Nothing of this file was written. Correct these rows and import it again.</p>
          <ProblemsTable problems={problems.data} />
          <Pager
            path={`${base}/imports/${importId}`}
            params={query}
            nextCursor={problems.nextCursor}
            shown={problems.data.length}
          />
        </section>
      ) : null}
    </>
  );
}
