import { formatMoney, isNegative } from '../../lib/money';

/**
 * An exact amount from the API, formatted for reading; the exact value is in the title. Rates and quotes
 * show up to 6 decimals (`digits`), balances and charges 4.
 */
export function Money({ amount, currency, digits }: { amount: string; currency: string; digits?: number }) {
  return (
    <span className={isNegative(amount) ? 'num negative' : 'num'} title={`${amount} ${currency}`}>
      {formatMoney(amount, currency, digits)}
    </span>
  );
}
