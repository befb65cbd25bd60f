import { createRate, type RateCard } from '@tollgate/rating';
import type { AccountParty, TenantParty, VendorParty } from './call-parties';
import { splitPath } from './call-parties';
import type { CallDirection, RateSnapshot } from './cdr-job';
import type { PricingLevel } from './rate-call-levels';
import type { CachedCard } from './rate-card-rows';

export type CardLookup = (id: string) => CachedCard;

/** What decides a call's price lists besides its parties. */
export interface CallToPrice {
  readonly accountId: string;
  readonly direction: CallDirection;
  /** The sell rate authorize matched (the price the call was metered at live); null without one. */
  readonly rate: RateSnapshot | null;
  readonly answeredAt: string | null;
  readonly startedAt: string;
}

export interface PricingParties {
  readonly account: AccountParty;
  /** At least every tenant on the account's path. */
  readonly tenants: ReadonlyMap<string, TenantParty>;
  /** The vendor that carried the call, when known. */
  readonly vendor?: VendorParty | undefined;
}

/**
 * The price lists a call is rated at: the customer at the rate authorize matched or, without one, at its
 * plan's sell card; for an outbound call each reseller above the account (nearest first) at the buy card
 * its parent assigned, then the vendor at its buy card. Inbound calls are rated at the customer level
 * only (DID prices, not rate cards, apply above it).
 */
export function pricingLevelsOf(
  call: Pick<CallToPrice, 'accountId' | 'direction' | 'rate'>,
  parties: PricingParties,
  cardOf: CardLookup,
): PricingLevel[] {
  const { account, vendor } = parties;
  const levels: PricingLevel[] = [customerLevel(call, account.currency, account.sellRateCardId, cardOf)];
  if (call.direction === 'outbound') {
    levels.push(...resellerLevels(account.tenantPath, parties.tenants, cardOf));
    if (vendor)
      levels.push({
        kind: 'vendor',
        partyId: vendor.id,
        tenantPath: vendor.tenantPath,
        ...cardLevel(vendor.buyRateCardId, `vendor ${vendor.name} has no buy rate card`, cardOf),
      });
  }
  return levels;
}

/** The rates in force at this instant price the call: the answer, else the set-up. */
export function ratingInstantOf(call: Pick<CallToPrice, 'answeredAt' | 'startedAt'>): Date {
  return new Date(call.answeredAt ?? call.startedAt);
}

/** The ids of the rate cards `pricingLevelsOf` may ask `cardOf` for. */
export function cardIdsOf(parties: PricingParties): string[] {
  const ids = [
    parties.account.sellRateCardId,
    ...splitPath(parties.account.tenantPath).map((id) => parties.tenants.get(id)?.buyRateCardId),
    parties.vendor?.buyRateCardId,
  ];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}

function customerLevel(
  call: Pick<CallToPrice, 'accountId' | 'rate'>,
  currency: string,
  sellRateCardId: string | null,
  cardOf: CardLookup,
): PricingLevel {
  const base = { kind: 'customer', partyId: call.accountId, currency } as const;
  if (call.rate !== null) {
    const { prefix, destination, currency: rateCurrency, ...terms } = call.rate;
    const rate = createRate(
      { ...terms, prefix: prefix ?? '', ...(destination === null ? {} : { destination }) },
      rateCurrency,
    );
    return { ...base, rate };
  }
  return { ...base, ...cardLevel(sellRateCardId, `account ${call.accountId} has no service plan`, cardOf) };
}

function resellerLevels(
  tenantPath: string,
  tenants: ReadonlyMap<string, TenantParty>,
  cardOf: CardLookup,
): PricingLevel[] {
  return splitPath(tenantPath)
    .reverse()
    .map((id) => tenants.get(id))
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
