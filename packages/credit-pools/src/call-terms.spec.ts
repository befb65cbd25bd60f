import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { reservationFingerprint, scriptTerms } from './call-terms';
import { eurRate } from './testing';
import { fromMicro, toMicro, toUnits } from './micro-units';
import { accountOfDeadlinesKey, callKey, deadlinesPattern, poolKeys } from './pool-keys';

describe('micro-units', () => {
  it('converts exact decimals to integer units and back without floats', () => {
    expect(toMicro('12.345678', 'x')).toBe(12_345_678n);
    expect(toMicro('-5', 'x')).toBe(-5_000_000n);
    expect(toMicro(new Decimal('0.1'), 'x')).toBe(100_000n);
    expect(toMicro('4503599627.370495', 'x')).toBe(4_503_599_627_370_495n);
    expect(toUnits('0.00000001', 8, 'x')).toBe(1n);
    expect(fromMicro('4503599627370495').toFixed()).toBe('4503599627.370495');
    expect(fromMicro(-1n).toFixed()).toBe('-0.000001');
  });

  it('refuses more decimals than the unit, values beyond the exact range, and non-numbers', () => {
    expect(() => toMicro('0.0000001', 'cost')).toThrow('cost has more than 6 decimals: 0.0000001');
    expect(() => toMicro('4503599627.370496', 'balance')).toThrow(/beyond the exact range/);
    expect(() => toMicro('12,50', 'balance')).toThrow(/not a decimal amount/);
    expect(() => toMicro('Infinity', 'balance')).toThrow(/not a finite amount/);
  });
});

describe('script terms', () => {
  it('encodes a rate in 1e-8 units with its conventions', () => {
    const rate = eurRate({
      pricePerMinute: '0.01234567',
      connectFee: '0.05',
      minCharge: '0.1',
      firstInterval: 30,
      nextInterval: 6,
      freeSeconds: 5,
      noChargeBelow: 3,
      rounding: { mode: 'half-even', decimals: 4 },
    });
    const terms = scriptTerms(rate, 86_400);
    expect(terms.encoded).toBe('1234567 5000000 10000000 30 6 5 3 half-even 4');
    expect(terms.snapshot).toEqual({
      currency: 'EUR',
      pricePerMinute: '0.01234567',
      connectFee: '0.05',
      minCharge: '0.1',
      firstInterval: 30,
      nextInterval: 6,
      freeSeconds: 5,
      noChargeBelow: 3,
      rounding: { mode: 'half-even', decimals: 4 },
    });
  });

  it('refuses what the script could not price exactly', () => {
    expect(() => scriptTerms(eurRate({ pricePerMinute: '0.000000001' }), 60)).toThrow(/more than 8 decimals/);
    expect(() => scriptTerms(eurRate({ rounding: { mode: 'up', decimals: 7 } }), 60)).toThrow(
      /rounding decimals/,
    );
    expect(() => scriptTerms(eurRate({ pricePerMinute: '1000000' }), 86_400)).toThrow(/too expensive/);
    expect(scriptTerms(eurRate({ pricePerMinute: '400' }), 86_400).encoded).toMatch(/^40000000000 /);
  });

  it('fingerprints what identifies a reservation, whatever the order of its channel groups', () => {
    const terms = scriptTerms(eurRate(), 60);
    const base = { fromTag: 'a', terms, maxSeconds: 60, groups: ['line:1', 'outbound'] };
    const fingerprint = reservationFingerprint(base);
    expect(reservationFingerprint({ ...base, groups: ['outbound', 'line:1'] })).toBe(fingerprint);
    expect(reservationFingerprint({ ...base, fromTag: 'b' })).not.toBe(fingerprint);
    expect(reservationFingerprint({ ...base, maxSeconds: 61 })).not.toBe(fingerprint);
    expect(
      reservationFingerprint({ ...base, terms: scriptTerms(eurRate({ connectFee: '0.01' }), 60) }),
    ).not.toBe(fingerprint);
  });
});

describe('pool keys', () => {
  /** Redis Cluster hashes only what is between the first `{` and the next `}`. */
  const hashTag = (key: string): string =>
    key.slice(key.indexOf('{') + 1, key.indexOf('}', key.indexOf('{')));

  it('puts a pool, its indexes and its calls in the account slot, whatever the Call-ID holds', () => {
    const keys = poolKeys('tollgate', 'acc-1');
    expect(keys).toEqual({
      pool: 'tollgate:pool:{acc-1}',
      open: 'tollgate:pool:{acc-1}:open',
      deadlines: 'tollgate:pool:{acc-1}:deadlines',
      ledger: 'tollgate:pool:{acc-1}:ledger',
    });
    const call = callKey('tollgate', 'acc-1', '{evil}a84b4c76e66710@pc33.example.com');
    expect(call).toBe('tollgate:call:{acc-1}:{evil}a84b4c76e66710@pc33.example.com');
    expect([keys.pool, keys.open, keys.deadlines, call].map(hashTag)).toEqual([
      'acc-1',
      'acc-1',
      'acc-1',
      'acc-1',
    ]);
    expect(accountOfDeadlinesKey('tollgate', keys.deadlines)).toBe('acc-1');
    expect(deadlinesPattern('t*x')).toBe('t\\*x:pool:{*}:deadlines');
  });

  it('refuses account ids that could break the hash tag', () => {
    expect(() => poolKeys('tollgate', 'a}b')).toThrow(/Not a pool account id/);
    expect(() => poolKeys('tollgate', '')).toThrow(/Not a pool account id/);
  });
});
