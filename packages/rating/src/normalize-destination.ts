export interface NormalizeOptions {
  /** Dialled before a country code instead of `+`. Default `00`. */
  internationalPrefix?: string;
  /** Trunk prefix of national numbers (e.g. `0`); needs `countryCode`. */
  nationalPrefix?: string;
  /** Country code replacing `nationalPrefix` on national numbers (e.g. `44`). */
  countryCode?: string;
}

const URI_SCHEME = /^(sips?|tel):/i;
const VISUAL_SEPARATORS = /[\s\-.()/]/g;
const ALL_DIGITS = /^\d+$/;

/**
 * E.164 digits of a dialled destination: `+44 20 7946 0000`, `004420…`, `sip:+4420…@host;user=phone`,
 * `tel:+44-20-…` all give `4420…`. Returns `undefined` when what remains is not a digit string
 * (letters, `*`, `#`, empty), so such a destination simply matches no rate.
 */
export function normalizeDestination(raw: string, options: NormalizeOptions = {}): string | undefined {
  const international = options.internationalPrefix ?? '00';
  if (ALL_DIGITS.test(raw) && !raw.startsWith(international) && options.nationalPrefix === undefined) {
    return raw;
  }
  let number = userPart(raw.trim()).replace(VISUAL_SEPARATORS, '');
  if (number.startsWith('+')) {
    number = number.slice(1);
  } else if (international !== '' && number.startsWith(international)) {
    number = number.slice(international.length);
  } else if (options.nationalPrefix && options.countryCode && number.startsWith(options.nationalPrefix)) {
    number = options.countryCode + number.slice(options.nationalPrefix.length);
  }
  return ALL_DIGITS.test(number) ? number : undefined;
}

function userPart(value: string): string {
  if (!URI_SCHEME.test(value)) return value;
  const withoutScheme = value.replace(URI_SCHEME, '');
  const user = withoutScheme.split('@')[0] ?? '';
  return (user.split(/[;?]/)[0] ?? '').replace(/%2b/gi, '+');
}
