/**
 * Cursor pages with a way back: the URL keeps the cursors of the pages before this one (`trail`), so
 * "Previous" drops the last and "Next" appends the current. Cursors are the API's base64url strings.
 */
export interface PageLinks {
  previous: URLSearchParams | null;
  next: URLSearchParams | null;
  pageNumber: number;
}

const SEPARATOR = '.';

export function pageLinks(current: URLSearchParams, nextCursor: string | null | undefined): PageLinks {
  const cursor = current.get('cursor');
  const trail = (current.get('trail') ?? '').split(SEPARATOR).filter(Boolean);
  const withCursor = (newCursor: string | null, newTrail: string[]) => {
    const params = new URLSearchParams(current);
    params.delete('cursor');
    params.delete('trail');
    if (newCursor) params.set('cursor', newCursor);
    if (newTrail.length > 0) params.set('trail', newTrail.join(SEPARATOR));
    return params;
  };
  return {
    previous: cursor ? withCursor(trail.at(-1) ?? null, trail.slice(0, -1)) : null,
    next: nextCursor ? withCursor(nextCursor, cursor ? [...trail, cursor] : trail) : null,
    pageNumber: cursor ? trail.length + 2 : 1,
  };
}

/** Search parameters as Next.js gives them to a page, flattened to their first value. */
export function toSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first) params.set(key, first);
  }
  return params;
}
