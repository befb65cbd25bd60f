import type { Metadata } from 'next';
import { toSearchParams } from '../../../lib/pagination';
import { api, mustRead, requireArea } from '../../../lib/session';
import { LedgerTable } from '../../ui/ledger-table';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import styles from '../../ui/ui.module.css';

export const metadata: Metadata = { title: 'My top-ups' };

export default async function MyTopUpsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireArea('my');
  const id = session.user.accountId!;
  const search = toSearchParams(await searchParams);
  const client = await api();
  const page = await mustRead(
    client.GET('/accounts/{id}/ledger', {
      params: {
        path: { id },
        query: { limit: 50, kind: 'top_up', cursor: search.get('cursor') ?? undefined },
      },
    }),
  );
  return (
    <>
      <PageHeader title="My top-ups" description="Every payment credited to your account, newest first." />
      <section className={styles.tableWrap} aria-label="Top-ups">
        <LedgerTable entries={page.data} emptyTitle="No top-ups yet" />
      </section>
      <Pager path="/my/top-ups" params={search} nextCursor={page.nextCursor} shown={page.data.length} />
    </>
  );
}
