/**
 * Shows an exact decimal string as money. Intl.NumberFormat formats a *string* as an exact decimal
 * (no float): this is the only rounding in the portal, for display, half-expand to at most 4 places,
 * and the API's exact value stays in the title for whoever needs every digit.
 */
export function formatMoney(amount: string, currency: string, maximumFractionDigits = 4): string {
  const format = new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits,
  });
  // The typings predate exact-decimal strings (ES2023 Intl.NumberFormat v3); engines accept them.
  return format.format(amount as unknown as number);
}

export function isNegative(amount: string): boolean {
  return /^-(?!0*(\.0*)?$)/.test(amount.trim());
}
