/**
 * The columns of a rate deck file: each field of a rate and the header it has by default. A `mapping`
 * renames headers (field → header in the file); headers match without regard to case or surrounding
 * spaces, and columns the mapping does not name are ignored.
 */
export const RATE_DECK_COLUMNS = {
  prefix: 'prefix',
  destination: 'destination',
  pricePerMinute: 'price',
  connectFee: 'connect_fee',
  firstInterval: 'first_interval',
  nextInterval: 'next_interval',
  minCharge: 'min_charge',
  freeSeconds: 'free_seconds',
  noChargeBelowSeconds: 'no_charge_below_seconds',
  roundingMode: 'rounding_mode',
  roundingDecimals: 'rounding_decimals',
  effectiveFrom: 'effective_from',
  effectiveTo: 'effective_to',
  period: 'period',
} as const;

export type RateDeckField = keyof typeof RATE_DECK_COLUMNS;

export type RateDeckMapping = Record<RateDeckField, string>;

export const RATE_DECK_FIELDS = Object.keys(RATE_DECK_COLUMNS) as RateDeckField[];

/** A file without one of these columns is rejected; the others have defaults (see docs/rate-decks.md). */
export const REQUIRED_RATE_DECK_FIELDS: readonly RateDeckField[] = [
  'prefix',
  'destination',
  'pricePerMinute',
  'firstInterval',
  'nextInterval',
];

export function resolveMapping(partial: Partial<Record<RateDeckField, string>> = {}): RateDeckMapping {
  return { ...RATE_DECK_COLUMNS, ...partial };
}

/** Which cell of a row holds each field (by position), from the header row. */
export type ColumnPositions = Partial<Record<RateDeckField, number>>;

export interface HeaderProblem {
  field: RateDeckField | 'file';
  reason: string;
}

export function columnPositions(
  header: readonly string[],
  mapping: RateDeckMapping,
): { positions: ColumnPositions; problems: HeaderProblem[] } {
  const byName = new Map<string, number[]>();
  header.forEach((name, position) => {
    const key = headerKey(name);
    byName.set(key, [...(byName.get(key) ?? []), position]);
  });
  const positions: ColumnPositions = {};
  const problems: HeaderProblem[] = [];
  for (const field of RATE_DECK_FIELDS) {
    const found = byName.get(headerKey(mapping[field])) ?? [];
    if (found.length > 1)
      problems.push({ field, reason: `the header "${mapping[field]}" appears ${found.length} times` });
    else if (found.length === 1) positions[field] = found[0]!;
    else if (REQUIRED_RATE_DECK_FIELDS.includes(field))
      problems.push({ field, reason: `no column "${mapping[field]}" in the header row` });
  }
  return { positions, problems };
}

function headerKey(name: string): string {
  return name.trim().toLowerCase();
}
