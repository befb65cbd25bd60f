import type { components } from '@tollgate/sdk';

type LedgerEntryKind = components['schemas']['LedgerEntryDto']['kind'];

/** What each kind of money movement is called on the pages. */
export const KIND_LABELS: Record<LedgerEntryKind, string> = {
  top_up: 'Top-up',
  call_charge: 'Calls',
  recurring_fee: 'Recurring fee',
  did_fee: 'Number fee',
  adjustment: 'Adjustment',
  refund: 'Refund',
  invoice_payment: 'Invoice payment',
};
