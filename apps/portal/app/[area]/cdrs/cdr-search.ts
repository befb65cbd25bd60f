import type { components } from '@tollgate/sdk';
import { dayRange } from '../../../lib/time-range';

type Cdr = components['schemas']['CdrDetailDto'];

export const DISPOSITIONS: ReadonlyArray<Cdr['disposition']> = [
  'answered',
  'not-answered',
  'busy',
  'failed',
  'cancelled',
];
export const DIRECTIONS: ReadonlyArray<Cdr['direction']> = ['outbound', 'inbound'];
export const RATING_STATUSES: ReadonlyArray<Cdr['ratingStatus']> = ['rated', 'unrated'];

/** The search form's fields, as typed (the URL keeps them, so a search can be bookmarked and exported). */
export const CDR_FILTER_FIELDS = [
  'from',
  'to',
  'accountId',
  'lineId',
  'number',
  'vendorId',
  'disposition',
  'direction',
  'ratingStatus',
] as const;

export interface CdrFilterQuery {
  from?: string;
  to?: string;
  accountId?: string;
  lineId?: string;
  number?: string;
  vendorId?: string;
  disposition?: Cdr['disposition'];
  direction?: Cdr['direction'];
  ratingStatus?: Cdr['ratingStatus'];
}

const pick = <T extends string>(allowed: ReadonlyArray<T>, value: string | null): T | undefined =>
  allowed.find((item) => item === value);

/**
 * The API's CDR filter from the search form: days in UTC as a half-open range, the number without spaces;
 * ids and the number go as typed, so the API names what is wrong with them.
 */
export function cdrFilterOf(params: URLSearchParams): {
  query: CdrFilterQuery;
  errors: Record<string, string>;
} {
  const range = dayRange(params.get('from'), params.get('to'));
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const query: CdrFilterQuery = {
    from: range.from,
    to: range.to,
    accountId: text('accountId'),
    lineId: text('lineId'),
    number: text('number')?.replace(/[\s()-]/g, ''),
    vendorId: text('vendorId'),
    disposition: pick(DISPOSITIONS, params.get('disposition')),
    direction: pick(DIRECTIONS, params.get('direction')),
    ratingStatus: pick(RATING_STATUSES, params.get('ratingStatus')),
  };
  for (const key of Object.keys(query) as Array<keyof CdrFilterQuery>) if (!query[key]) delete query[key];
  return { query, errors: range.errors };
}

/** The search as URL parameters, without the page's cursor: what the export link carries. */
export function filterParams(params: URLSearchParams): URLSearchParams {
  const kept = new URLSearchParams();
  for (const field of CDR_FILTER_FIELDS) {
    const value = params.get(field);
    if (value) kept.set(field, value);
  }
  return kept;
}
