import type { components } from '@tollgate/sdk';
import { Money } from './money';
import { EmptyState } from './states';
import { StatusBadge } from './status-badge';
import styles from './ui.module.css';

type Invoice = components['schemas']['InvoicePageDto']['data'][number];

/** Issued invoices: number, account (staff), period, total, status and the PDF. */
export function InvoiceTable({
  invoices,
  pdfBase,
  showAccount = false,
  emptyTitle = 'No invoices yet',
  emptyText,
}: {
  invoices: Invoice[];
  /** Where the PDFs are served: `${pdfBase}/${id}/pdf`. */
  pdfBase: string;
  showAccount?: boolean;
  emptyTitle?: string;
  emptyText?: string;
}) {
  if (invoices.length === 0)
    return (
      <div className={styles.card}>
        <EmptyState title={emptyTitle}>{emptyText ? <p>{emptyText}</p> : null}</EmptyState>
      </div>
    );
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className="visually-hidden">Invoices</caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            {showAccount ? <th scope="col">Account</th> : null}
            <th scope="col">Period</th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col">Status</th>
            <th scope="col">PDF</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <tr key={invoice.id} data-testid={`invoice-${invoice.number}`}>
              <td className="mono">{invoice.number}</td>
              {showAccount ? (
                <td>
                  {invoice.accountCode} · {invoice.accountName}
                </td>
              ) : null}
              <td>{invoice.month}</td>
              <td className="num">
                <Money amount={invoice.total} currency={invoice.currency} digits={2} />
              </td>
              <td>
                <StatusBadge status={invoice.status} />
              </td>
              <td>
                <a
                  href={`${pdfBase}/${invoice.id}/pdf`}
                  download
                  aria-label={`Download ${invoice.number} as PDF`}
                >
                  Download
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
