/**
 * Why a call is refused, and what Kamailio hears: a result code in the family Kamailio users know from
 * cnxcc and tbe_bill_call (−1 no credit, −2 channel limit / locked, −4 not found or not active,
 * −5 internal) and the SIP reply to send. One table, so the code, the reason and the reply never drift.
 */
export const CALL_REFUSALS = {
  'no-credit': { code: -1, sipCode: 402, sipReason: 'Payment Required' },
  'channel-limit': { code: -2, sipCode: 486, sipReason: 'Busy Here' },
  'account-suspended': { code: -2, sipCode: 403, sipReason: 'Account Suspended' },
  'account-closed': { code: -2, sipCode: 403, sipReason: 'Account Closed' },
  'line-disabled': { code: -2, sipCode: 403, sipReason: 'Line Disabled' },
  'domain-disabled': { code: -2, sipCode: 403, sipReason: 'Domain Disabled' },
  'trunk-suspended': { code: -2, sipCode: 403, sipReason: 'Trunk Suspended' },
  banned: { code: -2, sipCode: 403, sipReason: 'Forbidden' },
  'unknown-party': { code: -4, sipCode: 404, sipReason: 'Not Found' },
  'no-service-plan': { code: -4, sipCode: 403, sipReason: 'No Service Plan' },
  'no-rate': { code: -4, sipCode: 404, sipReason: 'No Route' },
  'blocked-destination': { code: -4, sipCode: 403, sipReason: 'Destination Blocked' },
  'no-vendor': { code: -4, sipCode: 503, sipReason: 'No Carrier Available' },
  'did-not-assigned': { code: -4, sipCode: 404, sipReason: 'Not Found' },
  'did-not-routed': { code: -4, sipCode: 404, sipReason: 'Not Found' },
  'currency-mismatch': { code: -5, sipCode: 500, sipReason: 'Rating Error' },
  'call-closed': { code: -5, sipCode: 500, sipReason: 'Call Already Closed' },
  'call-id-conflict': { code: -5, sipCode: 500, sipReason: 'Call-ID Conflict' },
  internal: { code: -5, sipCode: 500, sipReason: 'Rating Error' },
} as const satisfies Record<string, { code: number; sipCode: number; sipReason: string }>;

export type RefusalReason = keyof typeof CALL_REFUSALS;

/** +2: the credit does not limit the call (max = the cap); +1: limited by credit. */
export type AuthorizedReason = 'unlimited' | 'limited-by-credit';

export const REFUSAL_REASONS = Object.keys(CALL_REFUSALS) as [RefusalReason, ...RefusalReason[]];
