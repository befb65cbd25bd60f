import { describe, expect, it } from 'vitest';
import { Dec } from './money';
import { type RateInput } from './rate';
import { RateCard } from './rate-card';
import { rate } from './testing';
import { orderVendors, type Vendor, type VendorOrderingRequest } from './vendor-ordering';

const NOW = Date.parse('2026-11-23T12:00:00Z');

function vendorCard(rows: Array<[string, string, Partial<RateInput>?]>): RateCard {
  return RateCard.build({
    currency: 'EUR',
    timeZone: 'UTC',
    rates: rows.map(([prefix, pricePerMinute, extra]) => ({
      prefix,
      pricePerMinute,
      firstInterval: 1,
      nextInterval: 1,
      rounding: { mode: 'half-up', decimals: 4 },
      ...extra,
    })),
  });
}

const vendors: Vendor[] = [
  {
    id: 'alpha',
    card: vendorCard([
      ['44', '0.010'],
      ['447', '0.020'],
    ]),
    priority: 2,
    quality: 5,
  },
  { id: 'bravo', card: vendorCard([['44', '0.008']]), priority: 3, quality: 1 },
  { id: 'charlie', card: vendorCard([['4', '0.012']]), priority: 1, quality: 9 },
  { id: 'delta', card: vendorCard([['33', '0.001']]) },
  { id: 'echo', card: vendorCard([['44', '0.001']]), enabled: false },
  { id: 'foxtrot', card: vendorCard([['44', '0.002']]), blockedPrefixes: ['4420'] },
];
const order = (request: Partial<VendorOrderingRequest>) => {
  const result = orderVendors({
    destination: '+442071234567',
    at: NOW,
    vendors,
    strategy: 'lcr',
    ...request,
  });
  return { routes: result.routes.map((r) => r.vendor.id), excluded: result.excluded, result };
};

describe('orderVendors', () => {
  it('LCR: cheapest buy rate first, each vendor at its longest matching prefix', () => {
    expect(order({ strategy: 'lcr' }).routes).toEqual(['bravo', 'alpha', 'charlie']);
    expect(order({ strategy: 'lcr', destination: '447911123456' }).routes).toEqual([
      'foxtrot',
      'bravo',
      'charlie',
      'alpha',
    ]);
  });

  it('MCR: most expensive first', () => {
    expect(order({ strategy: 'mcr' }).routes).toEqual(['charlie', 'alpha', 'bravo']);
  });

  it('fixed priority', () => {
    expect(order({ strategy: 'priority' }).routes).toEqual(['charlie', 'alpha', 'bravo']);
  });

  it('breaks cost ties by priority, then id', () => {
    const tied: Vendor[] = [
      { id: 'b', card: vendorCard([['44', '0.01']]) },
      { id: 'a', card: vendorCard([['44', '0.01']]) },
      { id: 'c', card: vendorCard([['44', '0.01']]), priority: 1 },
    ];
    const result = orderVendors({ destination: '44', at: NOW, vendors: tied, strategy: 'lcr' });
    expect(result.routes.map((r) => r.vendor.id)).toEqual(['c', 'a', 'b']);
  });

  it('says why each vendor is excluded; a vendor without a rate is skipped, not an error', () => {
    expect(order({}).excluded).toEqual([
      { vendorId: 'delta', reason: 'no-rate' },
      { vendorId: 'echo', reason: 'disabled' },
      { vendorId: 'foxtrot', reason: 'blocked' },
    ]);
  });

  it('excludes every vendor for a blocked destination', () => {
    const { routes, result } = order({ blockedPrefixes: ['4420'] });
    expect(routes).toEqual([]);
    expect(result.blocked).toBe(true);
  });

  it('margin guard: drops vendors above the sell price or under the margin', () => {
    const sell = rate({ pricePerMinute: '0.011' });
    const percent = order({ marginGuard: { sell, minPercent: '10' } });
    // bravo: 0.003 (27 %) kept; alpha: 0.001 (9.1 %) dropped; charlie costs more than we sell.
    expect(percent.routes).toEqual(['bravo']);
    expect(percent.result.routes[0]?.margin?.toString()).toBe('0.003');
    expect(percent.excluded).toContainEqual({ vendorId: 'alpha', reason: 'below-margin' });
    expect(percent.excluded).toContainEqual({ vendorId: 'charlie', reason: 'above-sell' });
    expect(order({ marginGuard: { sell, minAmount: '0.002' } }).routes).toEqual(['bravo']);
    expect(order({ marginGuard: { sell } }).routes).toEqual(['bravo', 'alpha']);
  });

  it('margin guard: decides as the same comparisons in decimals, at the edges too', () => {
    const prices = ['0.0100', '0.00999999', '0.01000001', '0.011', '0.0089', '0.009', '0.00900001', '0.02'];
    const guards = [
      { minPercent: '10' },
      { minPercent: '9.99999' },
      { minPercent: '0.5' },
      { minAmount: '0.001' },
      { minAmount: '0.00100001' },
      { minPercent: '10', minAmount: '0.0005' },
    ];
    for (const sellPrice of prices)
      for (const buyPrice of prices)
        for (const guard of guards) {
          const sell = rate({ pricePerMinute: sellPrice });
          const result = orderVendors({
            destination: '441234',
            at: NOW,
            vendors: [{ id: 'only', card: vendorCard([['44', buyPrice]]) }],
            strategy: 'lcr',
            marginGuard: { sell, ...guard },
          });
          const margin = new Dec(sellPrice).minus(buyPrice);
          const expected = margin.isNegative()
            ? 'above-sell'
            : (guard.minAmount !== undefined && margin.lt(guard.minAmount)) ||
                (guard.minPercent !== undefined &&
                  margin.times(100).lt(new Dec(sellPrice).times(guard.minPercent)))
              ? 'below-margin'
              : 'kept';
          const decided = result.excluded[0]?.reason ?? 'kept';
          expect({ sellPrice, buyPrice, guard, decided }).toEqual({
            sellPrice,
            buyPrice,
            guard,
            decided: expected,
          });
          if (decided === 'kept') expect(result.routes[0]?.margin?.amount.equals(margin)).toBe(true);
        }
  });

  it('compares a reference call when connect fees and pulses differ', () => {
    const cheapPerMinute = {
      id: 'cheap',
      card: vendorCard([['44', '0.010', { connectFee: '0.05', firstInterval: 60, nextInterval: 60 }]]),
    };
    const flat = { id: 'flat', card: vendorCard([['44', '0.020']]) };
    const request = {
      destination: '4420',
      at: NOW,
      vendors: [cheapPerMinute, flat],
      strategy: 'lcr' as const,
    };
    expect(orderVendors(request).routes.map((r) => r.vendor.id)).toEqual(['cheap', 'flat']);
    // A 30 s call: cheap costs 0.05 + 0.01 = 0.06, flat 0.01.
    const reference = orderVendors({ ...request, referenceSeconds: 30 });
    expect(reference.routes.map((r) => [r.vendor.id, r.cost.toString()])).toEqual([
      ['flat', '0.01'],
      ['cheap', '0.06'],
    ]);
  });

  describe('weighted share', () => {
    const weighted: Vendor[] = [
      { id: 'light', card: vendorCard([['44', '0.01']]), weight: 1 },
      { id: 'heavy', card: vendorCard([['44', '0.01']]), weight: 3 },
      { id: 'never', card: vendorCard([['44', '0.01']]), weight: 0 },
    ];
    const first = (seed: number | string, list = weighted) =>
      orderVendors({ destination: '44', at: NOW, vendors: list, strategy: 'weighted', seed }).routes.map(
        (r) => r.vendor.id,
      );

    it('is deterministic for a seed and independent of the input order', () => {
      expect(first('call-1')).toEqual(first('call-1'));
      expect(first('call-1', [...weighted].reverse())).toEqual(first('call-1'));
    });

    it('puts zero-weight vendors last', () => {
      for (let seed = 0; seed < 50; seed++) expect(first(seed)[2]).toBe('never');
    });

    it('puts each vendor first in proportion to its weight', () => {
      let heavyFirst = 0;
      for (let seed = 0; seed < 20_000; seed++) if (first(seed)[0] === 'heavy') heavyFirst++;
      expect(heavyFirst / 20_000).toBeGreaterThan(0.735);
      expect(heavyFirst / 20_000).toBeLessThan(0.765);
    });
  });
});
