import type { Metadata } from 'next';
import { accountChoiceOf } from '../../../lib/account-choices';
import { toSearchParams } from '../../../lib/pagination';
import { api, readSearch, requireArea } from '../../../lib/session';
import { AccountPicker } from '../../ui/account-picker';
import { Field, FormBanner } from '../../ui/form-controls';
import { InvoiceTable } from '../../ui/invoice-table';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import styles from '../../ui/ui.module.css';
import { issueInvoice } from './actions';
import { IssueInvoiceForm } from './issue-invoice-form';
import { SearchButtons } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'Invoices' };

export default async function InvoicesPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { area } = await requireArea((await params).area);
  const search = toSearchParams(await searchParams);
  const accountId = search.get('accountId') ?? '';
  const month = search.get('month') ?? '';
  const client = await api();
  const [chosenAccount, result] = await Promise.all([
    accountChoiceOf(client, accountId),
    readSearch(
      client.GET('/invoices', {
        params: {
          query: {
            limit: 50,
            cursor: search.get('cursor') ?? undefined,
            ...(accountId ? { accountId } : {}),
            ...(month ? { month } : {}),
          },
        },
      }),
    ),
  ]);
  const errors = result.errors?.fields ?? {};
  const base = `/${area}/invoices`;
  const filtered = Boolean(accountId || month);
  const now = new Date();
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
    .toISOString()
    .slice(0, 7);
  return (
    <>
      <PageHeader
        title="Invoices"
        description="Issued once per account and calendar month (on the 1st, or here on demand); an issued invoice never changes."
      />
      <section className={styles.card} aria-labelledby="issue-invoice-heading">
        <h2 id="issue-invoice-heading">Issue an invoice</h2>
        <IssueInvoiceForm action={issueInvoice.bind(null, area)} pdfBase={base} defaultMonth={lastMonth} />
      </section>
      <form className={styles.card} role="search" action={base} aria-label="Search invoices">
        {Object.keys(errors).length > 0 ? (
          <FormBanner errors={{ message: 'Some filters need your attention.', fields: errors }} />
        ) : null}
        <div className={styles.formGrid}>
          <AccountPicker
            id="filter-invoice-account"
            name="accountId"
            label="Account"
            defaultChoice={chosenAccount}
            error={errors.accountId}
            optional
          />
          <Field
            id="filter-invoice-month"
            name="month"
            label="Month (YYYY-MM)"
            defaultValue={month}
            error={errors.month}
          />
        </div>
        <SearchButtons clearHref={filtered ? base : undefined} primary />
      </form>
      {result.data ? (
        <>
          <section aria-label="Invoices">
            <InvoiceTable
              invoices={result.data.data}
              pdfBase={base}
              showAccount
              emptyTitle={filtered ? 'No invoice matches' : 'No invoices yet'}
              emptyText={filtered ? undefined : 'Invoices are issued on the 1st for the month before.'}
            />
          </section>
          <Pager
            path={base}
            params={search}
            nextCursor={result.data.nextCursor}
            shown={result.data.data.length}
          />
        </>
      ) : null}
    </>
  );
}
