import Link from 'next/link';
import type { CSSProperties, ReactNode } from 'react';
import { AREA_TITLES, type Area, homeOf, navigationOf } from '../../../lib/areas';
import type { Brand } from '../../../lib/brand';
import type { SessionUser } from '../../../lib/session-cookie';
import { ShellNavigation } from './shell-navigation';
import styles from './shell.module.css';

/** The frame of every logged-in page: the tenant's brand, the area's navigation, the user and sign-out. */
export function AppShell({
  area,
  brand,
  user,
  children,
}: {
  area: Area;
  brand: Brand;
  user: SessionUser;
  children: ReactNode;
}) {
  const colours = {
    '--brand': brand.primary,
    '--on-brand': brand.onPrimary,
    '--accent': brand.accent,
  } as CSSProperties;
  return (
    <div className={styles.shell} style={colours} data-area={area}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <ShellNavigation
        sections={navigationOf(area)}
        brandLink={
          <Link href={homeOf(area)} className={styles.brand} data-testid="brand-name">
            {brand.logoUrl ? (
              <img src={brand.logoUrl} alt="" />
            ) : (
              <span className={styles.mark} aria-hidden="true">
                {brand.name.charAt(0).toUpperCase()}
              </span>
            )}
            {brand.name}
          </Link>
        }
        areaTitle={AREA_TITLES[area]}
        footer={
          <div className={styles.user}>
            <span className={styles.userName}>{user.displayName}</span>
            <span>{user.email}</span>
            <Link href="/password">Change password</Link>
            <form action="/logout" method="post">
              <button type="submit" style={{ width: '100%' }}>
                Sign out
              </button>
            </form>
          </div>
        }
      />
      <main id="main" className={styles.main} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
