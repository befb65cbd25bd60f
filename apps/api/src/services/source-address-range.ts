import { isIPv6 } from 'node:net';

/** One CIDR range a SIP trunk's calls may come from, as numbers so ranges can be compared. */
export interface SourceAddressRange {
  family: 4 | 6;
  /** The first address of the range. */
  network: bigint;
  prefixLength: number;
  /** `address/prefixLength`, lower-case: what PostgreSQL's `cidr` stores. */
  text: string;
}

// Narrower than these a range is a mistake for a trunk authenticated by source address: /0 would let
// anyone call on the account.
const WIDEST_PREFIX = { 4: 8, 6: 32 } as const;
const BITS = { 4: 32, 6: 128 } as const;

const IPV4 = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;
const PREFIX_LENGTH = /^(0|[1-9]\d{0,2})$/;

/** A range of either family, strictly: no host bits after the mask, no zone, no leading zeros. */
export function parseSourceAddressRange(input: string): SourceAddressRange | { error: string } {
  const [address = '', length, ...rest] = input.split('/');
  if (rest.length > 0 || (length !== undefined && !PREFIX_LENGTH.test(length))) return malformed();
  const parsed = parseAddress(address.toLowerCase());
  if (!parsed) return malformed();
  const { family, value } = parsed;
  const prefixLength = length === undefined ? BITS[family] : Number(length);
  if (prefixLength > BITS[family])
    return { error: `an IPv${family} prefix length is at most /${BITS[family]}` };
  if (prefixLength < WIDEST_PREFIX[family])
    return { error: `ranges wider than /${WIDEST_PREFIX[family]} are refused for IPv${family}` };
  const hostBits = BigInt(BITS[family] - prefixLength);
  const network = (value >> hostBits) << hostBits;
  if (network !== value)
    return {
      error: `has bits set after the /${prefixLength} mask: the range is ${format(family, network)}/${prefixLength}`,
    };
  const unusable = unusableReason(family, network, prefixLength);
  if (unusable) return { error: unusable };
  return { family, network, prefixLength, text: `${format(family, network)}/${prefixLength}` };
}

/** Whether two ranges share at least one address (what PostgreSQL's `&&` answers). */
export function rangesOverlap(a: SourceAddressRange, b: SourceAddressRange): boolean {
  if (a.family !== b.family) return false;
  const shorter = Math.min(a.prefixLength, b.prefixLength);
  const hostBits = BigInt(BITS[a.family] - shorter);
  return a.network >> hostBits === b.network >> hostBits;
}

function malformed() {
  return { error: 'must be an IPv4 or IPv6 address or CIDR range, e.g. 203.0.113.0/24 or 2001:db8::/48' };
}

function parseAddress(text: string): { family: 4 | 6; value: bigint } | undefined {
  const v4 = parseIPv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  if (!isIPv6(text) || text.includes('%')) return undefined;
  return { family: 6, value: parseIPv6(text) };
}

function parseIPv4(text: string): bigint | undefined {
  const octets = IPV4.exec(text)?.slice(1).map(Number);
  if (!octets || octets.some((octet) => octet > 255)) return undefined;
  return octets.reduce((value, octet) => (value << 8n) | BigInt(octet), 0n);
}

/** Valid IPv6 text (checked by node) to its 128-bit value, a trailing dotted IPv4 included. */
function parseIPv6(text: string): bigint {
  let groups = text;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const v4 = parseIPv4(dotted) ?? 0n;
    groups = `${text.slice(0, -dotted.length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = groups.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const words = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return words.reduce((value, word) => (value << 16n) | BigInt(parseInt(word, 16)), 0n);
}

function format(family: 4 | 6, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  const words = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // RFC 5952: the longest run of two or more zero words (the first of equals) becomes "::".
  let best = { start: -1, length: 0 };
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && words[start + length] === 0) length++;
    if (length > best.length && length >= 2) best = { start, length };
  }
  const hex = words.map((word) => word.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

function unusableReason(family: 4 | 6, network: bigint, prefixLength: number): string | undefined {
  const within = (base: bigint, length: number) =>
    prefixLength >= length &&
    network >> BigInt(BITS[family] - length) === base >> BigInt(BITS[family] - length);
  if (family === 4) {
    if (within(0n, 8)) return '0.0.0.0/8 cannot be the source of a call';
    if (within(0xe0000000n, 4)) return 'multicast addresses cannot be the source of a call';
    if (within(0xf0000000n, 4)) return 'reserved (240.0.0.0/4) addresses cannot be the source of a call';
    return undefined;
  }
  if (network === 0n) return 'the unspecified address :: cannot be the source of a call';
  if (within(0xffn << 120n, 8)) return 'multicast addresses cannot be the source of a call';
  if (within(0xffffn << 32n, 96)) return 'IPv4-mapped IPv6 addresses must be written as IPv4';
  return undefined;
}
