import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PrefixIndex } from './prefix-lookup';

/** Items of every prefix of `digits`, longest prefix first, each prefix's items in input order. */
function matches(index: PrefixIndex, digits: string): number[][] {
  const keys = new Float64Array(16);
  const found: number[][] = [];
  for (let length = index.keysOf(digits, keys) - 1; length >= 0; length--) {
    const entry = index.hasLength(length) ? index.entry(keys[length] as number) : 0;
    if (entry > 0) found.push([entry - 1]);
    if (entry < 0) {
      const items: number[] = [];
      for (let at = index.bucketBegin(-entry - 1); at < index.bucketEnd(-entry - 1); at++)
        items.push(index.itemAt(at));
      found.push(items);
    }
  }
  return found;
}

function bruteForce(prefixes: readonly string[], digits: string): number[][] {
  const lengths = [...new Set(prefixes.filter((p) => digits.startsWith(p)).map((p) => p.length))];
  return lengths
    .sort((a, b) => b - a)
    .map((length) => prefixes.flatMap((p, i) => (p.length === length && digits.startsWith(p) ? [i] : [])));
}

describe('PrefixIndex', () => {
  it('finds every prefix of a number, longest first', () => {
    const index = PrefixIndex.build(['4', '44', '447', '44', '1', '']);
    expect(matches(index, '447911123456')).toEqual([[2], [1, 3], [0], [5]]);
    expect(matches(index, '33123')).toEqual([[5]]);
    expect(index.prefixCount).toBe(5);
  });

  it('keeps prefixes with leading zeros apart', () => {
    const index = PrefixIndex.build(['0', '00', '1']);
    expect(matches(index, '001')).toEqual([[1], [0]]);
    expect(matches(index, '1')).toEqual([[2]]);
  });

  it('handles 15-digit prefixes and ignores digits beyond 15', () => {
    const index = PrefixIndex.build(['999999999999999', '99999999999999']);
    expect(matches(index, '9999999999999999999')).toEqual([[0], [1]]);
  });

  it('equals a brute-force scan on random prefix sets', () => {
    const digits = (max: number) => fc.string({ unit: fc.constantFrom('0', '1', '2', '9'), maxLength: max });
    fc.assert(
      fc.property(
        fc.array(digits(6), { maxLength: 300 }),
        fc.array(digits(9), { maxLength: 30 }),
        (prefixes, numbers) => {
          const index = PrefixIndex.build(prefixes);
          for (const number of numbers) expect(matches(index, number)).toEqual(bruteForce(prefixes, number));
        },
      ),
      { numRuns: 300 },
    );
  });
});
