import type { SessionUser } from './session-cookie';

/** The three portals in one app: the operator's, a reseller's, and an end user's own account. */
export type Area = 'owner' | 'reseller' | 'my';

export const STAFF_AREAS: readonly Area[] = ['owner', 'reseller'];

export function areaOf(user: Pick<SessionUser, 'accountId' | 'tenantKind'>): Area {
  if (user.accountId) return 'my';
  return user.tenantKind === 'owner' ? 'owner' : 'reseller';
}

/** Where a login lands: the staff's dashboard, an end user's balance. */
export function homeOf(area: Area): string {
  return area === 'my' ? '/my' : `/${area}`;
}

export interface NavItem {
  href: string;
  label: string;
  /** Current only on this very path (the dashboard at /owner is not the parent of every page). */
  exact?: boolean;
}

export interface NavSection {
  label: string;
  items: NavItem[];
}

/**
 * Each area's navigation, in labelled sections. A new page adds one line to its section; a section
 * without items is not shown, so the sections can be listed before their pages exist.
 */
export function navigationOf(area: Area): NavSection[] {
  if (area === 'my')
    return [
      {
        label: 'My account',
        items: [
          { href: '/my', label: 'Balance' },
          { href: '/my/lines', label: 'Lines' },
          { href: '/my/dids', label: 'Numbers' },
          { href: '/my/call-cost', label: 'Call cost' },
          { href: '/my/calls', label: 'Call history' },
          { href: '/my/top-ups', label: 'Top-ups' },
          { href: '/my/invoices', label: 'Invoices' },
        ],
      },
    ];
  const base = `/${area}`;
  const owner = area === 'owner';
  const sections: NavSection[] = [
    {
      label: 'Overview',
      items: [
        { href: base, label: 'Dashboard', exact: true },
        { href: `${base}/live-calls`, label: 'Live calls' },
      ],
    },
    {
      label: 'Customers',
      items: [
        { href: `${base}/accounts`, label: 'Accounts' },
        { href: `${base}/lines`, label: 'Lines' },
        { href: `${base}/resellers`, label: owner ? 'Resellers' : 'Sub-resellers' },
      ],
    },
    {
      label: 'Catalog',
      items: [
        { href: `${base}/rate-cards`, label: 'Rate cards' },
        { href: `${base}/routing-plans`, label: 'Routing' },
        { href: `${base}/vendors`, label: 'Vendors' },
        { href: `${base}/services`, label: 'Services' },
        { href: `${base}/service-plans`, label: 'Service plans' },
        { href: `${base}/domains`, label: 'Domains' },
      ],
    },
    {
      label: 'Traffic',
      items: [
        { href: `${base}/cdrs`, label: 'CDRs' },
        { href: `${base}/ledger`, label: 'Ledger' },
        { href: `${base}/invoices`, label: 'Invoices' },
      ],
    },
    {
      label: 'Numbers',
      items: [
        { href: `${base}/dids`, label: 'Numbers' },
        { href: `${base}/porting`, label: 'Porting' },
      ],
    },
    {
      label: 'Administration',
      items: [
        { href: `${base}/settings`, label: owner ? 'Settings' : 'Brand and settings' },
        { href: `${base}/administrators`, label: 'Administrators' },
        { href: `${base}/api-keys`, label: 'API keys' },
        { href: `${base}/banned-ips`, label: 'Banned IPs' },
        { href: `${base}/audit-log`, label: 'Audit log' },
      ],
    },
  ];
  return sections.filter((section) => section.items.length > 0);
}

/** The item a path belongs to: the most specific one whose page it is or lies below. */
export function currentItemOf(sections: NavSection[], pathname: string): NavItem | undefined {
  return sections
    .flatMap((section) => section.items)
    .filter((item) =>
      item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`),
    )
    .sort((a, b) => b.href.length - a.href.length)[0];
}

export const AREA_TITLES: Record<Area, string> = {
  owner: 'Operator console',
  reseller: 'Reseller console',
  my: 'My account',
};
