import { BannedIp } from '../entities';
import type { DemoContext } from './context';
import { DEMO_OPERATOR } from './credentials';
import { hoursAfter } from './dates';

interface DemoBannedIp {
  /** Documentation ranges only (RFC 5737, RFC 3849). */
  cidr: string;
  reason: string;
  /** Hours from the seed until the ban lifts itself; null = until lifted by hand. */
  expiresInHours: number | null;
  /** Null = banned automatically. */
  bannedBy: string | null;
}

/** The dashboard's 3 banned IPs, on the owner's SIP edge. */
export const DEMO_BANNED_IPS: DemoBannedIp[] = [
  {
    cidr: '203.0.113.45/32',
    reason: 'Automatic: 50 failed REGISTER attempts in 60 s (SIP scanner)',
    expiresInHours: 24,
    bannedBy: null,
  },
  {
    cidr: '203.0.113.128/25',
    reason: 'INVITE flood towards premium-rate destinations',
    expiresInHours: null,
    bannedBy: DEMO_OPERATOR.nocEmail,
  },
  {
    cidr: '2001:db8:bad::/48',
    reason: 'Toll-fraud attempts from a rented server range',
    expiresInHours: null,
    bannedBy: DEMO_OPERATOR.nocEmail,
  },
];

export async function insertBannedIps(context: DemoContext): Promise<void> {
  await context.manager.getRepository(BannedIp).insert(
    DEMO_BANNED_IPS.map((ban) => ({
      tenantId: context.tenants.owner.id,
      cidr: ban.cidr,
      reason: ban.reason,
      expiresAt: ban.expiresInHours === null ? null : hoursAfter(context.now, ban.expiresInHours),
      createdByUserId: ban.bannedBy ? context.ids.get('user', ban.bannedBy) : null,
    })),
  );
}
