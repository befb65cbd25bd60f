import { MAX_PREFIX_LENGTH } from './rate';

const POW10: readonly number[] = Array.from({ length: MAX_PREFIX_LENGTH + 1 }, (_, i) => 10 ** i);
const EMPTY_KEY = 0;

/**
 * Longest-prefix index over digit strings, built once per rate card.
 *
 * A prefix of length L with numeric value v gets the key 10^L + v (the leading 1 keeps `44` and `044`
 * apart); keys stay below 2·10^15 < 2^53, so they are exact doubles. Keys and their entries sit side by
 * side in one open-addressing table (one cache line per probe). An entry is the item itself when a prefix
 * has one item (the usual case), otherwise a bucket of items in a flat array. A lookup probes each
 * prefix length in use at most once, allocates nothing, and a million prefixes take about 40 MB.
 */
export class PrefixIndex {
  private constructor(
    /** Pairs [key, entry]: entry ≥ 1 is item entry − 1; entry ≤ −1 is bucket −entry − 1. */
    private readonly table: Float64Array,
    private readonly bucketStart: Int32Array,
    private readonly bucketItems: Int32Array,
    /** Bit L set when some prefix has length L: lengths nobody uses are not probed. */
    private readonly lengths: number,
    readonly prefixCount: number,
  ) {}

  /** Item i of the index is `prefixes[i]`; several items may share a prefix. */
  static build(prefixes: ArrayLike<string>): PrefixIndex {
    const count = prefixes.length;
    const table = new Float64Array(tableSlots(count) * 2);
    const mask = table.length / 2 - 1;
    const sizes = new Int32Array(count);
    const slotOfItem = new Int32Array(count);
    let lengths = 0;
    let prefixCount = 0;
    for (let i = 0; i < count; i++) {
      const prefix = prefixes[i] as string;
      const key = prefixKey(prefix);
      const slot = findSlot(table, mask, key);
      if (table[slot * 2] === EMPTY_KEY) {
        table[slot * 2] = key;
        table[slot * 2 + 1] = i + 1;
        prefixCount++;
        lengths |= 1 << prefix.length;
      }
      const first = (table[slot * 2 + 1] as number) - 1;
      sizes[first] = (sizes[first] as number) + 1;
      slotOfItem[i] = slot;
    }
    const [bucketStart, bucketItems] = bucketsOf(table, sizes, slotOfItem);
    return new PrefixIndex(table, bucketStart, bucketItems, lengths, prefixCount);
  }

  /** Writes the key of every prefix of `digits` into `keys` (index = length); returns the longest length + 1. */
  keysOf(digits: string, keys: Float64Array): number {
    const maxLength = Math.min(digits.length, MAX_PREFIX_LENGTH);
    let value = 0;
    keys[0] = 1;
    for (let length = 1; length <= maxLength; length++) {
      value = value * 10 + (digits.charCodeAt(length - 1) - 48);
      keys[length] = (POW10[length] as number) + value;
    }
    return maxLength + 1;
  }

  /** Touches the first probe slot of every used length at once so their cache misses overlap. */
  prefetch(keys: Float64Array, lengths: number): number {
    const mask = this.table.length / 2 - 1;
    let touched = 0;
    for (let length = 0; length < lengths; length++) {
      if ((this.lengths & (1 << length)) !== 0)
        touched += this.table[homeSlot(keys[length] as number, mask) * 2] as number;
    }
    return touched;
  }

  hasLength(length: number): boolean {
    return (this.lengths & (1 << length)) !== 0;
  }

  /** 0 when the key is absent; n ≥ 1 for the single item n − 1; n ≤ −1 for bucket −n − 1. */
  entry(key: number): number {
    const slot = findSlot(this.table, this.table.length / 2 - 1, key);
    return this.table[slot * 2] === EMPTY_KEY ? 0 : (this.table[slot * 2 + 1] as number);
  }

  bucketBegin(bucket: number): number {
    return this.bucketStart[bucket] as number;
  }

  bucketEnd(bucket: number): number {
    return this.bucketStart[bucket + 1] as number;
  }

  itemAt(position: number): number {
    return this.bucketItems[position] as number;
  }

  /** Bytes held by the typed arrays of the index. */
  get byteSize(): number {
    return this.table.byteLength + this.bucketStart.byteLength + this.bucketItems.byteLength;
  }
}

export function prefixKey(prefix: string): number {
  let value = 0;
  for (let i = 0; i < prefix.length; i++) value = value * 10 + (prefix.charCodeAt(i) - 48);
  return (POW10[prefix.length] as number) + value;
}

/**
 * Prefixes holding several items get a bucket (items in input order) and their table entry is rewritten
 * to point at it. `sizes` is indexed by the first item of each prefix.
 */
function bucketsOf(table: Float64Array, sizes: Int32Array, slotOfItem: Int32Array): [Int32Array, Int32Array] {
  const bucketOfFirst = new Map<number, number>();
  const starts = [0];
  for (let first = 0; first < sizes.length; first++) {
    if ((sizes[first] as number) < 2) continue;
    bucketOfFirst.set(first, starts.length - 1);
    starts.push((starts[starts.length - 1] as number) + (sizes[first] as number));
  }
  const bucketStart = Int32Array.from(starts);
  const bucketItems = new Int32Array(bucketStart[bucketStart.length - 1] as number);
  const fill = bucketStart.slice();
  for (let i = 0; i < slotOfItem.length; i++) {
    const slot = slotOfItem[i] as number;
    const entry = table[slot * 2 + 1] as number;
    const bucket = entry > 0 ? bucketOfFirst.get(entry - 1) : -entry - 1;
    if (bucket === undefined) continue;
    table[slot * 2 + 1] = -bucket - 1;
    bucketItems[fill[bucket] as number] = i;
    fill[bucket] = (fill[bucket] as number) + 1;
  }
  return [bucketStart, bucketItems];
}

/** Linear probing from a 32-bit mix of the key's two halves; returns the key's slot or the empty one. */
function findSlot(table: Float64Array, mask: number, key: number): number {
  let slot = homeSlot(key, mask);
  for (;;) {
    const stored = table[slot * 2] as number;
    if (stored === key || stored === EMPTY_KEY) return slot;
    slot = (slot + 1) & mask;
  }
}

/** Power of two keeping the load factor ≤ 0.7. */
function tableSlots(count: number): number {
  let slots = 16;
  while (slots * 0.7 < count) slots *= 2;
  return slots;
}

function homeSlot(key: number, mask: number): number {
  const low = key >>> 0;
  const high = (key / 4294967296) >>> 0;
  let hash = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash & mask;
}
