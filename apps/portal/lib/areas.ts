import type { SessionUser } from './session-cookie';

/** The three portals in one app: the operator's, a reseller's, and an end user's own account. */
export type Area = 'owner' | 'reseller' | 'my';

export const STAFF_AREAS: readonly Area[] = ['owner', 'reseller'];

export function areaOf(user: Pick<SessionUser, 'accountId' | 'tenantKind'>): Area {
  if (user.accountId) return 'my';
  return user.tenantKind === 'owner' ? 'owner' : 'reseller';
}

export function homeOf(area: Area): string {
  return area === 'my' ? '/my' : `/${area}/accounts`;
}

export interface NavItem {
  href: string;
  label: string;
}

/** Each area's navigation; pages of APIs still being built (CDRs, dashboard, porting) come with them. */
export function navigationOf(area: Area): NavItem[] {
  if (area === 'my')
    return [
      { href: '/my', label: 'Balance' },
      { href: '/my/lines', label: 'Lines' },
      { href: '/my/dids', label: 'Numbers' },
      { href: '/my/call-cost', label: 'Call cost' },
      { href: '/my/calls', label: 'Call history' },
      { href: '/my/top-ups', label: 'Top-ups' },
    ];
  const base = `/${area}`;
  return [
    { href: `${base}/accounts`, label: 'Accounts' },
    { href: `${base}/lines`, label: 'Lines' },
    { href: `${base}/live-calls`, label: 'Live calls' },
    { href: `${base}/rate-cards`, label: 'Rate cards' },
    { href: `${base}/routing-plans`, label: 'Routing' },
    { href: `${base}/vendors`, label: 'Vendors' },
    { href: `${base}/services`, label: 'Services' },
    { href: `${base}/service-plans`, label: 'Service plans' },
    { href: `${base}/domains`, label: 'Domains' },
    { href: `${base}/resellers`, label: area === 'owner' ? 'Resellers' : 'Sub-resellers' },
    { href: `${base}/settings`, label: area === 'owner' ? 'Settings' : 'Brand and settings' },
    { href: `${base}/cdrs`, label: 'CDRs' },
    { href: `${base}/ledger`, label: 'Ledger' },
    { href: `${base}/dids`, label: 'Numbers' },
    { href: `${base}/porting`, label: 'Porting' },
  ];
}

export const AREA_TITLES: Record<Area, string> = {
  owner: 'Operator console',
  reseller: 'Reseller console',
  my: 'My account',
};
