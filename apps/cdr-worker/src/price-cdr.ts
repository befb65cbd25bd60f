import {
  cdrLedgerKey,
  cdrMonth,
  rateCallLevels,
  type CdrJob,
  type PricingLevel,
  type RatedCallLevels,
} from '@tollgate/cdr';
import { createRate, type RateCard } from '@tollgate/rating';
import type { BatchParties, TenantParty } from './cdr-parties';
import { splitPath } from './cdr-parties';
import type { CachedCard } from './rate-card-cache';

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

export type CardLookup = (id: string) => CachedCard;

/**
 * Rates a CDR at every level with the rates in force at its start (answer, else set-up): the customer
 * at the rate authorize matched (the price it was metered at) or, without one, at its plan's sell card;
 * each reseller above the account at the buy card its parent assigned; the vendor at its buy card.
 * Inbound calls are rated at the customer level only (DID prices, not rate cards, apply above it).
 */
export function priceCdr(job: CdrJob, parties: BatchParties, cardOf: CardLookup): PricedCdr | string {
  const account = parties.accounts.get(job.accountId);
  if (account === undefined) return `account ${job.accountId} does not exist`;
  const vendorId =
    job.vendorId ?? (job.vendorTrunkId ? (parties.vendorOfTrunk.get(job.vendorTrunkId) ?? null) : null);
  const levels: PricingLevel[] = [customerLevel(job, account.currency, account.sellRateCardId, cardOf)];
  if (job.direction === 'outbound') {
    levels.push(...resellerLevels(account.tenantPath, parties, cardOf));
    const vendor = vendorId === null ? undefined : parties.vendors.get(vendorId);
    if (vendor)
      levels.push({
        kind: 'vendor',
        partyId: vendor.id,
        tenantPath: vendor.tenantPath,
        ...cardLevel(vendor.buyRateCardId, `vendor ${vendor.name} has no buy rate card`, cardOf),
      });
  }
  const answeredAt = job.answeredAt === null ? null : new Date(job.answeredAt);
  const rated = rateCallLevels(
    {
      destination: job.destination,
      ratedAt: answeredAt ?? new Date(job.startedAt),
      durationSeconds: job.durationSeconds,
    },
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

function customerLevel(
  job: CdrJob,
  currency: string,
  sellRateCardId: string | null,
  cardOf: CardLookup,
): PricingLevel {
  const base = { kind: 'customer', partyId: job.accountId, currency } as const;
  if (job.rate !== null) {
    const { prefix, destination, currency: rateCurrency, ...terms } = job.rate;
    const rate = createRate(
      { ...terms, prefix: prefix ?? '', ...(destination === null ? {} : { destination }) },
      rateCurrency,
    );
    return { ...base, rate };
  }
  return { ...base, ...cardLevel(sellRateCardId, `account ${job.accountId} has no service plan`, cardOf) };
}

function resellerLevels(tenantPath: string, parties: BatchParties, cardOf: CardLookup): PricingLevel[] {
  return splitPath(tenantPath)
    .reverse()
    .map((id) => parties.tenants.get(id))
    .filter((tenant): tenant is TenantParty => tenant?.kind === 'reseller')
    .map((reseller) => ({
      kind: 'reseller',
      partyId: reseller.id,
      tenantPath: reseller.path,
      currency: reseller.currency,
      ...cardLevel(reseller.buyRateCardId, `reseller ${reseller.name} has no buy rate card`, cardOf),
    }));
}

function cardLevel(
  id: string | null,
  missing: string,
  cardOf: CardLookup,
): { card: RateCard } | { missing: string } {
  if (id === null) return { missing };
  const cached = cardOf(id);
  return cached.card ? { card: cached.card } : { missing: cached.problem };
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
