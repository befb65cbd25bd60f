import type { Metadata } from 'next';
import { toSearchParams } from '../../../lib/pagination';
import { api, mustRead, requireArea } from '../../../lib/session';
import { InvoiceTable } from '../../ui/invoice-table';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';

export const metadata: Metadata = { title: 'My invoices' };

export default async function MyInvoicesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireArea('my');
  const search = toSearchParams(await searchParams);
  const client = await api();
  const page = await mustRead(
    client.GET('/invoices', {
      params: {
        query: { limit: 50, sort: 'month', order: 'desc', cursor: search.get('cursor') ?? undefined },
      },
    }),
  );
  return (
    <>
      <PageHeader
        title="My invoices"
        description="One invoice per calendar month: your calls by destination, fees, tax and payments."
      />
      <section aria-label="Invoices">
        <InvoiceTable
          invoices={page.data}
          pdfBase="/my/invoices"
          emptyText="Your first invoice is issued after your first full month."
        />
      </section>
      <Pager path="/my/invoices" params={search} nextCursor={page.nextCursor} shown={page.data.length} />
    </>
  );
}
