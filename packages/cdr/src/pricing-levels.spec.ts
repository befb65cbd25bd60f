import { RateCard } from '@tollgate/rating';
import { describe, expect, it } from 'vitest';
import type { TenantParty } from './call-parties';
import { cardIdsOf, pricingLevelsOf, ratingInstantOf, type PricingParties } from './pricing-levels';
import type { CachedCard } from './rate-card-rows';

const card = RateCard.build({
  currency: 'EUR',
  timeZone: 'UTC',
  rates: [
    {
      prefix: '44',
      pricePerMinute: '0.05',
      firstInterval: 1,
      nextInterval: 1,
      rounding: { mode: 'half-up', decimals: 4 },
    },
  ],
});
const tenant = (id: string, kind: string, path: string, buyRateCardId: string | null): TenantParty => ({
  id,
  kind,
  parentId: null,
  path,
  name: id.toUpperCase(),
  buyRateCardId,
  currency: 'EUR',
});
const parties: PricingParties = {
  account: {
    id: 'acct',
    tenantId: 'r2',
    tenantPath: '/o/r1/r2/',
    currency: 'EUR',
    billingType: 'prepaid',
    creditLimit: '0',
    sellRateCardId: 'sell',
  },
  tenants: new Map([
    ['o', tenant('o', 'owner', '/o/', null)],
    ['r1', tenant('r1', 'reseller', '/o/r1/', 'r1-buys')],
    ['r2', tenant('r2', 'reseller', '/o/r1/r2/', null)],
  ]),
  vendor: { id: 'v', name: 'Carrier', tenantPath: '/o/', buyRateCardId: 'deleted' },
};
const cards: Record<string, CachedCard> = {
  sell: { card },
  'r1-buys': { card },
  deleted: { problem: 'rate card deleted is deleted' },
};
const call = {
  accountId: 'acct',
  direction: 'outbound',
  rate: null,
  answeredAt: null,
  startedAt: '2026-11-23T12:00:00Z',
} as const;

describe('pricingLevelsOf', () => {
  it('lists the customer, each reseller nearest first, then the vendor, each with its card or why not', () => {
    const levels = pricingLevelsOf(call, parties, (id) => cards[id]!);
    expect(levels.map((level) => [level.kind, level.partyId, level.card === card, level.missing])).toEqual([
      ['customer', 'acct', true, undefined],
      ['reseller', 'r2', false, 'reseller R2 has no buy rate card'],
      ['reseller', 'r1', true, undefined],
      ['vendor', 'v', false, 'rate card deleted is deleted'],
    ]);
    expect(cardIdsOf(parties).sort()).toEqual(['deleted', 'r1-buys', 'sell']);
  });

  it('prices the customer at the live rate when there is one, and an inbound call at the customer only', () => {
    const rate = {
      prefix: '44',
      destination: null,
      currency: 'EUR',
      pricePerMinute: '0.1',
      connectFee: '0',
      minCharge: '0',
      firstInterval: 60,
      nextInterval: 60,
      freeSeconds: 0,
      noChargeBelow: 0,
      rounding: { mode: 'half-up', decimals: 4 },
    } as const;
    const levels = pricingLevelsOf({ ...call, direction: 'inbound', rate }, parties, (id) => cards[id]!);
    expect(levels).toHaveLength(1);
    expect(levels[0]?.rate?.pricePerMinute.amount.toFixed()).toBe('0.1');
    expect(levels[0]?.card).toBeUndefined();
  });

  it('rates at the answer, else at the set-up', () => {
    expect(ratingInstantOf(call).toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(ratingInstantOf({ ...call, answeredAt: '2026-11-23T12:00:09Z' }).toISOString()).toBe(
      '2026-11-23T12:00:09.000Z',
    );
  });
});
