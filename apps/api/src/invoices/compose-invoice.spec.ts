import { InvoiceLineKind, LedgerEntryKind } from '@tollgate/db';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { composeInvoice, currencyDecimals } from './compose-invoice';

const d = (value: string) => new Decimal(value);

describe('composeInvoice', () => {
  const composed = composeInvoice({
    currency: 'EUR',
    taxRate: d('19'),
    callGroups: [
      {
        direction: 'outbound',
        destination: 'United Kingdom',
        calls: 3,
        billedSeconds: 420,
        amount: d('0.12345'),
      },
      { direction: 'inbound', destination: 'Germany', calls: 1, billedSeconds: 60, amount: d('0.01') },
      { direction: 'outbound', destination: 'Germany', calls: 2, billedSeconds: 61, amount: d('0.004999') },
    ],
    entries: [
      { kind: LedgerEntryKind.TopUp, amount: d('50'), description: 'Bank transfer' },
      { kind: LedgerEntryKind.CallCharge, amount: d('-0.13'), description: 'counted from the CDRs' },
      { kind: LedgerEntryKind.RecurringFee, amount: d('-5.405'), description: 'Monthly fee of plan Home' },
      { kind: LedgerEntryKind.DidFee, amount: d('-3.1'), description: null },
      { kind: LedgerEntryKind.Adjustment, amount: d('1.004'), description: 'Goodwill' },
      { kind: LedgerEntryKind.Refund, amount: d('-10'), description: 'Paid back' },
    ],
  });

  it('groups calls by destination, outbound first, and lists fees, adjustments, payments and refunds', () => {
    expect(composed.lines.map((line) => [line.kind, line.description, line.amount.toFixed()])).toEqual([
      [InvoiceLineKind.Calls, 'Calls to Germany', '0'],
      [InvoiceLineKind.Calls, 'Calls to United Kingdom', '0.12'],
      [InvoiceLineKind.Calls, 'Inbound calls, Germany', '0.01'],
      [InvoiceLineKind.RecurringFee, 'Monthly fee of plan Home', '5.41'],
      [InvoiceLineKind.DidFee, 'DID fee', '3.1'],
      [InvoiceLineKind.Adjustment, 'Goodwill', '-1'],
      [InvoiceLineKind.Payment, 'Bank transfer', '50'],
      [InvoiceLineKind.Refund, 'Paid back', '-10'],
    ]);
    expect(composed.lines[1]).toMatchObject({ calls: 3, billedSeconds: 420 });
  });

  it('rounds each line and the tax once, half up, so the printed figures add up', () => {
    // 0 + 0.12 + 0.01 + 5.41 + 3.10 − 1.00 = 7.64; 19 % of it is 1.4516 → 1.45.
    expect(composed.subtotal.toFixed()).toBe('7.64');
    expect(composed.tax.toFixed()).toBe('1.45');
    expect(composed.total.toFixed()).toBe('9.09');
    expect(composed.payments.toFixed()).toBe('40');
  });

  it('rounds tax half up at the currency decimals', () => {
    const half = composeInvoice({
      currency: 'EUR',
      taxRate: d('10'),
      callGroups: [],
      entries: [{ kind: LedgerEntryKind.RecurringFee, amount: d('-0.25'), description: 'fee' }],
    });
    expect(half.tax.toFixed()).toBe('0.03');
    const yen = composeInvoice({
      currency: 'JPY',
      taxRate: d('8'),
      callGroups: [],
      entries: [{ kind: LedgerEntryKind.RecurringFee, amount: d('-1234.5'), description: 'fee' }],
    });
    expect([yen.subtotal.toFixed(), yen.tax.toFixed(), yen.total.toFixed()]).toEqual(['1235', '99', '1334']);
  });

  it('knows the minor unit of a currency', () => {
    expect([currencyDecimals('EUR'), currencyDecimals('JPY'), currencyDecimals('KWD')]).toEqual([2, 0, 3]);
  });
});
