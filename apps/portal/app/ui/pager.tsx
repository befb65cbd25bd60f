import Link from 'next/link';
import { pageLinks } from '../../lib/pagination';
import styles from './ui.module.css';

/** Previous / next for a cursor-paged list; the URL carries the way back. */
export function Pager({
  path,
  params,
  nextCursor,
  shown,
}: {
  path: string;
  params: URLSearchParams;
  nextCursor: string | null | undefined;
  shown: number;
}) {
  const links = pageLinks(params, nextCursor);
  if (!links.previous && !links.next) return null;
  const href = (query: URLSearchParams | null) =>
    query ? `${path}?${query.toString()}`.replace(/\?$/, '') : path;
  return (
    <nav className={styles.pager} aria-label="Pages">
      <Link
        href={href(links.previous)}
        className={styles.buttonSecondary}
        aria-disabled={links.previous ? undefined : true}
        tabIndex={links.previous ? undefined : -1}
      >
        ← Previous
      </Link>
      <span>
        Page {links.pageNumber} · {shown} shown
      </span>
      <Link
        href={href(links.next)}
        className={styles.buttonSecondary}
        aria-disabled={links.next ? undefined : true}
        tabIndex={links.next ? undefined : -1}
      >
        Next →
      </Link>
    </nav>
  );
}
