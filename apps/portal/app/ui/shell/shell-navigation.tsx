'use client';

import Link, { useLinkStatus } from 'next/link';
import { usePathname } from 'next/navigation';
import { type ReactNode, useEffect, useState } from 'react';
import { currentItemOf, type NavSection } from '../../../lib/areas';
import styles from './shell.module.css';

/** The sidebar, in labelled sections; on a phone it folds behind a Menu button and closes again on navigation. */
export function ShellNavigation({
  sections,
  brandLink,
  areaTitle,
  footer,
}: {
  sections: NavSection[];
  brandLink: ReactNode;
  areaTitle: string;
  footer: ReactNode;
}) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [pathname]);
  const current = currentItemOf(sections, pathname);
  return (
    <header className={styles.sidebar}>
      {brandLink}
      <button
        type="button"
        className={styles.menuButton}
        aria-expanded={open}
        aria-controls="primary-navigation"
        onClick={() => setOpen((value) => !value)}
      >
        {open ? 'Close' : 'Menu'}
      </button>
      <div id="primary-navigation" className={`${styles.collapsible} ${open ? styles.open : ''}`}>
        <span className={styles.areaTitle}>{areaTitle}</span>
        <nav className={styles.nav} aria-label="Main">
          {sections.map((section) => {
            const headingId = `nav-${section.label.toLowerCase().replace(/\W+/g, '-')}`;
            return (
              <div key={section.label} className={styles.navSection}>
                {sections.length > 1 ? (
                  <h2 id={headingId} className={styles.navHeading}>
                    {section.label}
                  </h2>
                ) : null}
                <ul aria-labelledby={sections.length > 1 ? headingId : undefined}>
                  {section.items.map((item) => (
                    <li key={item.href}>
                      {/* Not prefetched: each of the ~20 entries would render the area's layout (two API
                          reads) on every page view; a click fetches its page once. */}
                      <Link
                        href={item.href}
                        prefetch={false}
                        aria-current={item === current ? 'page' : undefined}
                      >
                        {item.label}
                        <PendingMark />
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
        {footer}
      </div>
    </header>
  );
}

/**
 * Shown on the entry whose page is on its way: the current page stays until the next one is ready (the
 * areas have no loading.tsx: its Suspense boundary let a server action's update stall, see docs/portal.md).
 */
function PendingMark() {
  const { pending } = useLinkStatus();
  return pending ? (
    <span className={styles.pendingMark} role="status">
      <span className="visually-hidden">Loading…</span>
    </span>
  ) : null;
}
