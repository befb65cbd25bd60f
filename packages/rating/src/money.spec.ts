import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { Money, type RoundingMode } from './money';

const eur = (amount: string): Money => Money.of(amount, 'EUR');

describe('Money', () => {
  afterEach(() => {
    Decimal.set({ defaults: true });
  });

  it.each<[string, RoundingMode, number, string]>([
    ['0.035', 'up', 2, '0.04'],
    ['0.035', 'half-up', 2, '0.04'],
    ['0.035', 'half-even', 2, '0.04'],
    ['0.035', 'down', 2, '0.03'],
    ['0.105', 'up', 2, '0.11'],
    ['0.105', 'half-up', 2, '0.11'],
    ['0.105', 'half-even', 2, '0.1'],
    ['0.105', 'down', 2, '0.1'],
    ['0.0001', 'up', 2, '0.01'],
    ['0.0049', 'half-up', 2, '0'],
    ['1.99999', 'down', 4, '1.9999'],
    ['2.5', 'half-even', 0, '2'],
    ['3.5', 'half-even', 0, '4'],
    ['-0.105', 'up', 2, '-0.11'],
    ['-0.105', 'down', 2, '-0.1'],
  ])('rounds %s %s to %i decimals → %s', (amount, mode, decimals, expected) => {
    expect(eur(amount).round({ mode, decimals }).toString()).toBe(expected);
  });

  it('adds exactly where floats do not', () => {
    expect(eur('0.1').plus(eur('0.2')).toString()).toBe('0.3');
    expect(eur('0.07').times(3).toString()).toBe('0.21');
  });

  it('refuses to mix currencies', () => {
    expect(() => eur('1').plus(Money.of('1', 'USD'))).toThrow(/Currency mismatch/);
    expect(() => eur('1').compare(Money.of('1', 'USD'))).toThrow(/Currency mismatch/);
    expect(eur('1').equals(Money.of('1', 'USD'))).toBe(false);
  });

  it('refuses fractional numbers and malformed strings', () => {
    expect(() => eur('1').times(0.1)).toThrow(/safe integers/);
    expect(() => eur('1,5')).toThrow(/Not a decimal/);
    expect(() => eur('1e3')).toThrow(/Not a decimal/);
    expect(() => Money.of('1', 'euro')).toThrow(/ISO 4217/);
  });

  it('is not affected by the global Decimal configuration', () => {
    Decimal.set({ precision: 2, rounding: Decimal.ROUND_DOWN });
    expect(eur('1').dividedBy(3).toString()).toBe('0.3333333333333333333333333333333333333333');
    expect(eur('123.456').plus(eur('0.001')).toString()).toBe('123.457');
  });

  it('serialises amounts as strings without exponent', () => {
    expect(JSON.stringify(eur('0.00000001'))).toBe('{"amount":"0.00000001","currency":"EUR"}');
    expect(eur('1.5').toFixed(3)).toBe('1.500');
  });
});
