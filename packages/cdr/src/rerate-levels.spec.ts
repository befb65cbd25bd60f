import { describe, expect, it } from 'vitest';
import type { RatedLevel } from './rate-call-levels';
import { chargeChanges, levelInRerateScope, rerateLevels } from './rerate-levels';

const level = (
  kind: RatedLevel['kind'],
  partyId: string,
  price: string | null,
  tenantPath: string | null = null,
): RatedLevel => ({
  kind,
  partyId,
  tenantPath,
  price,
  currency: price === null ? null : 'EUR',
  billedSeconds: price === null ? null : 60,
  rate: null,
  margin: null,
  problem: price === null ? `${kind} ${partyId}: no rate` : null,
});

const before = [
  level('customer', 'acct', '0.12'),
  level('reseller', 'r2', '0.05', '/o/r1/r2/'),
  level('reseller', 'r1', null, '/o/r1/'),
  level('vendor', 'v', '0.02', '/o/'),
];
const fresh = (prices: Array<string | null>) => {
  const levels = before.map((old, index) => level(old.kind, old.partyId, prices[index]!, old.tenantPath));
  return { levels, rated: !prices.includes(null), unratedReason: null };
};

describe('rerateLevels', () => {
  it('takes every fresh price for the owner, keeps a level the cards no longer price, and recomputes margins', () => {
    const rerated = rerateLevels(before, fresh(['0.18', null, '0.04', '0.03']), {
      mode: 'all',
      requesterPath: '/o/',
    });
    expect(rerated.levels.map((l) => [l.partyId, l.price, l.margin])).toEqual([
      ['acct', '0.18', null],
      ['r2', '0.05', '0.13'],
      ['r1', '0.04', '0.01'],
      ['v', '0.03', '0.01'],
    ]);
    expect(rerated).toMatchObject({ rated: true, unratedReason: null });
  });

  it("lets a reseller reprice its customers and resellers below it, never its own buy price or the vendor's", () => {
    const rerated = rerateLevels(before, fresh(['0.18', '0.06', '0.04', '0.03']), {
      mode: 'all',
      requesterPath: '/o/r1/r2/',
    });
    expect(rerated.levels.map((l) => l.price)).toEqual(['0.18', '0.05', null, '0.02']);
    expect(rerated.unratedReason).toBe('reseller r1: no rate');
    expect(levelInRerateScope(before[1]!, '/o/r1/')).toBe(true);
    expect(levelInRerateScope(before[3]!, '/o/r1/')).toBe(false);
  });

  it('prices only the missing levels in unrated mode', () => {
    const rerated = rerateLevels(before, fresh(['0.18', '0.06', '0.04', '0.03']), {
      mode: 'unrated',
      requesterPath: '/',
    });
    expect(rerated.levels.map((l) => l.price)).toEqual(['0.12', '0.05', '0.04', '0.02']);
    expect(rerated.rated).toBe(true);
  });
});

describe('chargeChanges', () => {
  it('names the charged levels whose price changed, with the total their entries must reach', () => {
    const after = [
      level('customer', 'acct', '0.120'),
      level('reseller', 'r2', '0.07', '/o/r1/r2/'),
      level('reseller', 'r1', '0.04', '/o/r1/'),
      level('vendor', 'v', '0.5', '/o/'),
    ];
    expect(chargeChanges(before, after).map((c) => [c.partyId, c.target, c.previousPrice])).toEqual([
      ['r2', '-0.07', '0.05'],
      ['r1', '-0.04', null],
    ]);
  });
});
