import type { Metadata } from 'next';
import Link from 'next/link';
import { SERVICE_KIND_LABELS } from '../../../lib/catalog-fields';
import { toSearchParams } from '../../../lib/pagination';
import { api, mustRead, requireArea } from '../../../lib/session';
import { Banner } from '../../ui/form-controls';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState } from '../../ui/states';
import { StatusBadge } from '../../ui/status-badge';
import styles from '../../ui/ui.module.css';
import { SearchButtons, SearchField } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'Service templates' };

export default async function ServiceTemplatesPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { area } = await requireArea((await params).area);
  const query = toSearchParams(await searchParams);
  const search = query.get('search') ?? '';
  const client = await api();
  const page = await mustRead(
    client.GET('/service-templates', {
      params: {
        query: {
          limit: 25,
          cursor: query.get('cursor') ?? undefined,
          sort: 'name',
          order: 'asc',
          ...(search ? { search } : {}),
        },
      },
    }),
  );
  const base = `/${area}/service-templates`;
  return (
    <>
      {query.get('created') ? <Banner kind="success">The template is created.</Banner> : null}
      {query.get('saved') ? <Banner kind="success">Your changes are saved.</Banner> : null}
      <PageHeader
        title="Service templates"
        description="The products services are created from, with their kind, plan and channel defaults."
        actions={
          <Link href={`${base}/new`} className={styles.button}>
            New template
          </Link>
        }
      />
      <form className={styles.toolbar} role="search" action={base}>
        <SearchField defaultValue={search} />
        <SearchButtons clearHref={search ? base : undefined} />
      </form>
      {page.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title={search ? 'No template matches' : 'No templates yet'}>
            {search ? (
              <p>Try another search.</p>
            ) : (
              <Link href={`${base}/new`} className={styles.button}>
                Create the first template
              </Link>
            )}
          </EmptyState>
        </div>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">Service templates</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">State</th>
                <th scope="col" className="num">
                  Channels
                </th>
              </tr>
            </thead>
            <tbody>
              {page.data.map((template) => (
                <tr key={template.id}>
                  <td>
                    <Link href={`${base}/${template.id}`}>{template.name}</Link>
                  </td>
                  <td>{SERVICE_KIND_LABELS[template.kind]}</td>
                  <td>
                    <StatusBadge status={template.active ? 'active' : 'inactive'} />
                  </td>
                  <td className="num">{template.maxChannels ?? 'unlimited'}</td>
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
