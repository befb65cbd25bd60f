/**
 * The demo operator `npm start` creates, so a newcomer can log in at once, and the secrets of its
 * logins and SIP lines. Public on purpose: never used in production.
 */
export const DEMO_OPERATOR = {
  name: 'Demo Telecom',
  /** The owner's first admin; the seed is keyed by this e-mail (it runs once per database). */
  ownerEmail: 'owner@demo.tollgate.test',
  /** The password of every demo portal login (owner, NOC and reseller admins). */
  ownerPassword: 'demo-owner-password',
  /** The owner's second admin. */
  nocEmail: 'noc@demo.tollgate.test',
  resellerName: 'Demo Reseller',
  /** The reseller's admin. */
  resellerEmail: 'reseller@demo.tollgate.test',
  /**
   * The SIP password of every demo line. Only its digests are stored: ha1 = md5(username:realm:password)
   * and ha1b = md5(username@domain:realm:password), the realm being the line's domain name.
   */
  sipPassword: 'demo-sip-password',
} as const;
