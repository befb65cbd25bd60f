import { isIPv6 } from 'node:net';

/** An IPv4 address as an unsigned 32-bit number, or an IPv6 address as a 128-bit bigint. */
export type IpAddress = { family: 4; value: number } | { family: 6; value: bigint };

const IPV4_MAPPED_PREFIX = 0xffffn << 32n;
const IPV4_MAPPED_MASK = ~0xffffffffn & ((1n << 128n) - 1n);

/**
 * Reads one address as Kamailio reports a source (`$si`): dotted IPv4, IPv6 (brackets allowed). An
 * IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, what a dual-stack socket reports) is read as the IPv4
 * address it carries, so it matches IPv4 ranges. Anything else (zones, leading zeros, names) is undefined.
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  const v4 = parseIPv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!isIPv6(bare) || bare.includes('%')) return undefined;
  const value = parseIPv6(bare.toLowerCase());
  if ((value & IPV4_MAPPED_MASK) === IPV4_MAPPED_PREFIX)
    return { family: 4, value: Number(value & 0xffffffffn) };
  return { family: 6, value };
}

/** A network `address/length` (a bare address is a single host); host bits beyond the mask are ignored. */
export function parseCidr(text: string): { address: IpAddress; length: number } | undefined {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const address = parseIpAddress(addressText);
  if (address === undefined) return undefined;
  const mapped = address.family === 4 && addressText.includes(':');
  const bits = address.family === 4 && !mapped ? 32 : 128;
  const lengthText = slash < 0 ? String(bits) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lengthText)) return undefined;
  const length = Number(lengthText);
  if (length > bits) return undefined;
  if (!mapped) return { address, length };
  // ::ffff:a.b.c.d/n is the IPv4 network a.b.c.d/(n − 96); shorter masks reach outside the mapped block.
  return length >= 96 ? { address, length: length - 96 } : undefined;
}

/**
 * Networks of both families with a value each: the longest network containing an address (`longest`)
 * or any network containing it (`some`). One hash map per prefix length in use, probed from the
 * longest length down, so a lookup costs at most one probe per distinct length.
 */
export class CidrTable<V> {
  private readonly v4 = new Map<number, Map<number, V>>();
  private readonly v6 = new Map<number, Map<bigint, V>>();
  private v4Lengths: number[] = [];
  private v6Lengths: number[] = [];

  /** False when `cidr` is not a network; the first value added for a network is kept. */
  add(cidr: string, value: V): boolean {
    const network = parseCidr(cidr);
    if (network === undefined) return false;
    const { address, length } = network;
    if (address.family === 4) {
      const networks = this.v4.get(length) ?? this.newLength(this.v4, length, 4);
      const key = v4Key(address.value, length);
      if (!networks.has(key)) networks.set(key, value);
    } else {
      const networks = this.v6.get(length) ?? this.newLength(this.v6, length, 6);
      const key = v6Key(address.value, length);
      if (!networks.has(key)) networks.set(key, value);
    }
    return true;
  }

  get size(): number {
    let size = 0;
    for (const networks of [...this.v4.values(), ...this.v6.values()]) size += networks.size;
    return size;
  }

  /** The value of the longest network containing the address, or undefined. */
  longest(ip: string | IpAddress): V | undefined {
    let found: V | undefined;
    this.visit(ip, (value) => {
      found = value;
      return true;
    });
    return found;
  }

  /** Whether a network containing the address has a value passing `test` (longest networks first). */
  some(ip: string | IpAddress, test: (value: V) => boolean): boolean {
    return this.visit(ip, test);
  }

  private visit(ip: string | IpAddress, test: (value: V) => boolean): boolean {
    const address = typeof ip === 'string' ? parseIpAddress(ip) : ip;
    if (address === undefined) return false;
    if (address.family === 4) {
      for (const length of this.v4Lengths) {
        const value = this.v4.get(length)!.get(v4Key(address.value, length));
        if (value !== undefined && test(value)) return true;
      }
      return false;
    }
    for (const length of this.v6Lengths) {
      const value = this.v6.get(length)!.get(v6Key(address.value, length));
      if (value !== undefined && test(value)) return true;
    }
    return false;
  }

  private newLength<K>(maps: Map<number, Map<K, V>>, length: number, family: 4 | 6): Map<K, V> {
    const networks = new Map<K, V>();
    maps.set(length, networks);
    const lengths = [...maps.keys()].sort((a, b) => b - a);
    if (family === 4) this.v4Lengths = lengths;
    else this.v6Lengths = lengths;
    return networks;
  }
}

// The network bits only: `>>> 32` would be a no-op in JavaScript, hence /0 on its own.
function v4Key(value: number, length: number): number {
  return length === 0 ? 0 : value >>> (32 - length);
}

function v6Key(value: bigint, length: number): bigint {
  return value >> BigInt(128 - length);
}

/** Dotted quad, each part 0–255 without leading zeros; a hand-written loop, as it runs on every call. */
function parseIPv4(text: string): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) {
      if (digits === 0 || ++dots > 3) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57) {
      if (digits > 0 && octet === 0) return undefined;
      octet = octet * 10 + (code - 48);
      if (++digits > 3 || octet > 255) return undefined;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0) return undefined;
  return value * 256 + octet;
}

/** Valid IPv6 text (checked by node) to its 128-bit value, a trailing dotted IPv4 included. */
function parseIPv6(text: string): bigint {
  let groups = text;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const v4 = parseIPv4(dotted) ?? 0;
    groups = `${text.slice(0, -dotted.length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = groups.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const words = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return words.reduce((value, word) => (value << 16n) | BigInt(parseInt(word, 16)), 0n);
}
