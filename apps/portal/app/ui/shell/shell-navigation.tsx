'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { type ReactNode, useEffect, useState } from 'react';
import type { NavItem } from '../../../lib/areas';
import styles from './shell.module.css';

/** The sidebar; on a phone it folds behind a Menu button and closes again on navigation. */
export function ShellNavigation({
  items,
  brandLink,
  areaTitle,
  footer,
}: {
  items: NavItem[];
  brandLink: ReactNode;
  areaTitle: string;
  footer: ReactNode;
}) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [pathname]);
  const current = items
    .filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
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
          <ul>
            {items.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={item === current ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {footer}
      </div>
    </header>
  );
}
