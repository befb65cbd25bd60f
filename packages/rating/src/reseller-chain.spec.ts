import { describe, expect, it } from 'vitest';
import { type RateInput } from './rate';
import { RateCard } from './rate-card';
import { rateResellerChain } from './reseller-chain';

const cardOf = (currency: string, terms: Partial<RateInput> & { pricePerMinute: string }): RateCard =>
  RateCard.build({
    currency,
    timeZone: 'UTC',
    rates: [
      {
        prefix: '44',
        firstInterval: 1,
        nextInterval: 1,
        rounding: { mode: 'half-up', decimals: 4 },
        ...terms,
      },
    ],
  });

describe('rateResellerChain', () => {
  const call = {
    destination: '+442071234567',
    startedAt: Date.parse('2026-11-23T12:00:00Z'),
    durationSeconds: 61,
  };

  it('prices the same call at every level with each level’s own conventions', () => {
    const chain = rateResellerChain(call, [
      {
        id: 'customer',
        card: cardOf('EUR', { pricePerMinute: '0.10', firstInterval: 60, nextInterval: 60 }),
      },
      {
        id: 'reseller:acme',
        card: cardOf('EUR', { pricePerMinute: '0.07', firstInterval: 30, nextInterval: 6 }),
      },
      { id: 'vendor:carrier', card: cardOf('EUR', { pricePerMinute: '0.05' }) },
    ]);
    expect(chain.levels.map((l) => [l.id, l.cost?.billedSeconds, l.cost?.total.toString()])).toEqual([
      ['customer', 120, '0.2'],
      ['reseller:acme', 66, '0.077'],
      ['vendor:carrier', 61, '0.0508'],
    ]);
    expect(chain.margins.map((m) => [m.sellLevel, m.buyLevel, m.amount?.toString()])).toEqual([
      ['customer', 'reseller:acme', '0.123'],
      ['reseller:acme', 'vendor:carrier', '0.0262'],
    ]);
    expect(chain.complete).toBe(true);
  });

  it('marks missing levels and leaves margins across currencies undefined', () => {
    const chain = rateResellerChain(call, [
      { id: 'customer', card: cardOf('USD', { pricePerMinute: '0.10' }) },
      { id: 'reseller', card: cardOf('EUR', { pricePerMinute: '0.07' }) },
      { id: 'vendor', card: RateCard.build({ currency: 'EUR', timeZone: 'UTC', rates: [] }) },
    ]);
    expect(chain.complete).toBe(false);
    expect(chain.levels[2]?.cost).toBeUndefined();
    expect(chain.margins.map((m) => m.amount)).toEqual([undefined, undefined]);
  });
});
