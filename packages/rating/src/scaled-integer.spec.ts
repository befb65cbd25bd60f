import { describe, expect, it } from 'vitest';
import { Dec } from './money';
import { compareScaled, scaledOf, unitsAt } from './scaled-integer';

describe('scaled integers', () => {
  it('hold a decimal exactly, whatever its form', () => {
    expect(scaledOf('0.00012000')).toEqual({ units: 12n, scale: 5 });
    expect(scaledOf(new Dec('-12.5'))).toEqual({ units: -125n, scale: 1 });
    expect(scaledOf(new Dec('1e-9'))).toEqual({ units: 1n, scale: 9 });
    expect(scaledOf(new Dec('12345678901234567890.12345678'))).toEqual({
      units: 1234567890123456789012345678n,
      scale: 8,
    });
    expect(scaledOf(7n)).toEqual({ units: 7n, scale: 0 });
    expect(unitsAt(scaledOf('1.5'), 4)).toBe(15000n);
  });

  it('compare as decimal.js does', () => {
    const values = ['0', '-0.5', '0.1', '0.10', '0.0999999999', '1', '1.00000001', '123.456', '-123.4560001'];
    for (const a of values)
      for (const b of values)
        expect([a, b, compareScaled(scaledOf(new Dec(a)), scaledOf(b))]).toEqual([
          a,
          b,
          new Dec(a).comparedTo(new Dec(b)),
        ]);
  });

  it('refuses what is not a decimal', () => {
    expect(() => scaledOf('ten')).toThrow(TypeError);
  });
});
