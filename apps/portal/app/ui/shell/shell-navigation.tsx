'use client';

import Link from 'next/link';
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
                      <Link href={item.href} aria-current={item === current ? 'page' : undefined}>
                        {item.label}
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
