import { InvoiceLineKind, LedgerEntryKind } from '@tollgate/db';
import Decimal from 'decimal.js';

/** The calls of one destination (the customer rate's name, else its prefix) and direction in the period. */
export interface CallGroup {
  readonly direction: string;
  readonly destination: string;
  readonly calls: number;
  readonly billedSeconds: number;
  /** The sum of the CDRs' customer prices, exact. */
  readonly amount: Decimal;
}

/** A ledger entry of the period, signed from the account's side (credits positive). */
export interface PeriodEntry {
  readonly kind: LedgerEntryKind;
  readonly amount: Decimal;
  readonly description: string | null;
}

export interface ComposedLine {
  readonly kind: InvoiceLineKind;
  readonly description: string;
  readonly calls: number | null;
  readonly billedSeconds: number | null;
  /**
   * Rounded to the currency's decimals. Charges (calls, fees, adjustments) are what the customer owes, a
   * credit negative; payments and refunds are what the customer paid, money paid back negative.
   */
  readonly amount: Decimal;
}

export interface ComposedInvoice {
  readonly lines: ComposedLine[];
  readonly subtotal: Decimal;
  readonly tax: Decimal;
  readonly total: Decimal;
  readonly payments: Decimal;
}

const CHARGE_LINES: Partial<Record<LedgerEntryKind, InvoiceLineKind>> = {
  [LedgerEntryKind.RecurringFee]: InvoiceLineKind.RecurringFee,
  [LedgerEntryKind.DidFee]: InvoiceLineKind.DidFee,
  [LedgerEntryKind.Adjustment]: InvoiceLineKind.Adjustment,
};

const PAYMENT_LINES: Partial<Record<LedgerEntryKind, InvoiceLineKind>> = {
  [LedgerEntryKind.TopUp]: InvoiceLineKind.Payment,
  [LedgerEntryKind.InvoicePayment]: InvoiceLineKind.Payment,
  [LedgerEntryKind.Refund]: InvoiceLineKind.Refund,
};

const DEFAULT_DESCRIPTIONS: Partial<Record<LedgerEntryKind, string>> = {
  [LedgerEntryKind.RecurringFee]: 'Service plan fee',
  [LedgerEntryKind.DidFee]: 'DID fee',
  [LedgerEntryKind.Adjustment]: 'Adjustment',
  [LedgerEntryKind.Refund]: 'Refund',
  [LedgerEntryKind.TopUp]: 'Top-up',
  [LedgerEntryKind.InvoicePayment]: 'Payment',
};

/** Line order on the invoice: calls, then each kind of charge, then payments. */
const ORDER: InvoiceLineKind[] = [
  InvoiceLineKind.Calls,
  InvoiceLineKind.RecurringFee,
  InvoiceLineKind.DidFee,
  InvoiceLineKind.Adjustment,
  InvoiceLineKind.Payment,
  InvoiceLineKind.Refund,
];

/**
 * Decimals of a currency's minor unit (2 for EUR and USD, 0 for JPY, 3 for KWD), from the ICU data Node
 * ships; 2 when the code is unknown to it.
 */
export function currencyDecimals(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/**
 * An invoice's lines and figures from the period's calls and ledger entries. Rounding happens here and
 * only here, half up to the currency's decimals: once per line (a call group's exact sum, a ledger
 * entry's 6-decimal amount) and once on the tax (`subtotal × rate / 100`). The subtotal is the exact sum
 * of the rounded charge lines, the total `subtotal + tax`, so every figure printed adds up. Call charges
 * come from the CDRs (grouped by destination), not from their ledger entries, which would count them twice.
 */
export function composeInvoice(input: {
  currency: string;
  /** Percent. */
  taxRate: Decimal;
  callGroups: readonly CallGroup[];
  entries: readonly PeriodEntry[];
}): ComposedInvoice {
  const decimals = currencyDecimals(input.currency);
  const round = (value: Decimal) => value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  const lines: ComposedLine[] = [];
  for (const group of [...input.callGroups].sort(byDestination)) {
    lines.push({
      kind: InvoiceLineKind.Calls,
      description:
        group.direction === 'inbound'
          ? `Inbound calls, ${group.destination}`
          : `Calls to ${group.destination}`,
      calls: group.calls,
      billedSeconds: group.billedSeconds,
      amount: round(group.amount),
    });
  }
  for (const entry of input.entries) {
    const charge = CHARGE_LINES[entry.kind];
    const payment = PAYMENT_LINES[entry.kind];
    if (!charge && !payment) continue;
    lines.push({
      kind: (charge ?? payment)!,
      description: entry.description ?? DEFAULT_DESCRIPTIONS[entry.kind] ?? entry.kind,
      calls: null,
      billedSeconds: null,
      amount: round(charge ? entry.amount.negated() : entry.amount),
    });
  }
  lines.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  const sum = (kinds: InvoiceLineKind[]) =>
    lines
      .filter((line) => kinds.includes(line.kind))
      .reduce((total, line) => total.plus(line.amount), new Decimal(0));
  const subtotal = sum([
    InvoiceLineKind.Calls,
    InvoiceLineKind.RecurringFee,
    InvoiceLineKind.DidFee,
    InvoiceLineKind.Adjustment,
  ]);
  const tax = round(subtotal.times(input.taxRate).dividedBy(100));
  return {
    lines,
    subtotal,
    tax,
    total: subtotal.plus(tax),
    payments: sum([InvoiceLineKind.Payment, InvoiceLineKind.Refund]),
  };
}

function byDestination(a: CallGroup, b: CallGroup): number {
  const inbound = (group: CallGroup) => (group.direction === 'inbound' ? 1 : 0);
  return inbound(a) - inbound(b) || a.destination.localeCompare(b.destination);
}
