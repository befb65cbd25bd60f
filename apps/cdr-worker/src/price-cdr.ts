import {
  cdrLedgerKey,
  cdrMonth,
  pricingLevelsOf,
  rateCallLevels,
  ratingInstantOf,
  type CardLookup,
  type CdrJob,
  type RatedCallLevels,
} from '@tollgate/cdr';
import type { BatchParties } from './cdr-parties';

/** One ledger posting of a call: a charge to an account or to a reseller's balance with its parent. */
export interface CallPosting {
  party: { kind: 'account' | 'reseller'; id: string };
  /** Who sees the ledger row: the account's tenant, or the reseller's parent. */
  tenantId: string;
  /** Negative: a charge. */
  amount: string;
  currency: string;
  idempotencyKey: string;
  description: string;
}

export interface PricedCdr {
  job: CdrJob;
  month: string;
  tenantId: string;
  currency: string;
  vendorId: string | null;
  rated: RatedCallLevels;
  postings: CallPosting[];
}

export type { CardLookup };

/**
 * Rates a CDR at every level with the rates in force at its start (answer, else set-up), at the price
 * lists `pricingLevelsOf` chooses (the API's price quote chooses them the same way).
 */
export function priceCdr(job: CdrJob, parties: BatchParties, cardOf: CardLookup): PricedCdr | string {
  const account = parties.accounts.get(job.accountId);
  if (account === undefined) return `account ${job.accountId} does not exist`;
  const vendorId =
    job.vendorId ?? (job.vendorTrunkId ? (parties.vendorOfTrunk.get(job.vendorTrunkId) ?? null) : null);
  const vendor = vendorId === null ? undefined : parties.vendors.get(vendorId);
  const levels = pricingLevelsOf(job, { account, tenants: parties.tenants, vendor }, cardOf);
  const rated = rateCallLevels(
    { destination: job.destination, ratedAt: ratingInstantOf(job), durationSeconds: job.durationSeconds },
    levels,
  );
  return {
    job,
    month: cdrMonth(new Date(job.startedAt)),
    tenantId: account.tenantId,
    currency: account.currency,
    vendorId,
    rated,
    postings: postingsOf(job, rated, account, parties.tenants),
  };
}

/**
 * The customer is charged its price, each reseller its buy price, each on its own balance; a level
 * without a price posts nothing (the CDR is unrated and says why). A zero price posts nothing unless
 * the pool took something live, which the posting then settles.
 */
function postingsOf(
  job: CdrJob,
  rated: RatedCallLevels,
  account: { id: string; tenantId: string },
  tenants: BatchParties['tenants'],
): CallPosting[] {
  const postings: CallPosting[] = [];
  for (const level of rated.levels) {
    if (level.price === null || level.currency === null || level.kind === 'vendor') continue;
    const live = level.kind === 'customer' && job.liveCharged !== null && !/^0(\.0*)?$/.test(job.liveCharged);
    if (/^0(\.0*)?$/.test(level.price) && !live) continue;
    const tenantId = level.kind === 'customer' ? account.tenantId : tenants.get(level.partyId)?.parentId;
    if (!tenantId) continue;
    postings.push({
      party: { kind: level.kind === 'customer' ? 'account' : 'reseller', id: level.partyId },
      tenantId,
      amount: negate(level.price),
      currency: level.currency,
      idempotencyKey: cdrLedgerKey(job.callId, job.leg, level.kind, level.partyId),
      description: `call to ${job.destination}, ${level.billedSeconds ?? 0} s billed`,
    });
  }
  return postings;
}

function negate(amount: string): string {
  if (/^0(\.0*)?$/.test(amount)) return '0';
  return amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
}
