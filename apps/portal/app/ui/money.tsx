import { formatMoney, isNegative } from '../../lib/money';

/** An exact amount from the API, formatted for reading; the exact value is in the title. */
export function Money({ amount, currency, digits }: { amount: string; currency: string; digits?: number }) {
  return (
    <span className={isNegative(amount) ? 'num negative' : 'num'} title={`${amount} ${currency}`}>
      {formatMoney(amount, currency, digits)}
    </span>
  );
}
