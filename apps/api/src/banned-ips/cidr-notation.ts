import { isIPv4, isIPv6 } from 'node:net';

export type CidrReading = { ok: true; cidr: string } | { ok: false; reason: string };

const NOT_AN_ADDRESS = 'must be an IPv4 or IPv6 address or network, e.g. 192.0.2.0/24 or 2001:db8::/32';

/**
 * Reads an address or network and writes it as PostgreSQL prints a `cidr`: a single address becomes a
 * /32 (IPv4) or /128 (IPv6) network. Host bits set beyond the mask are refused, as PostgreSQL would.
 */
export function readCidr(text: string): CidrReading {
  const [address = '', prefixText, ...rest] = text.trim().split('/');
  const bits = isIPv4(address) ? 32 : isIPv6(address) && !address.includes('%') ? 128 : 0;
  if (bits === 0 || rest.length > 0) return { ok: false, reason: NOT_AN_ADDRESS };
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= bits))
    return { ok: false, reason: `the prefix length must be 0 to ${bits}` };
  const bytes = bits === 32 ? address.split('.').map(Number) : ipv6Bytes(address);
  const network = bytes.map((byte, i) => byte & maskByte(prefix, i));
  if (network.some((byte, i) => byte !== bytes[i]))
    return {
      ok: false,
      reason: `has address bits set beyond the /${prefix} mask: the network is ${formatAddress(network)}/${prefix}`,
    };
  return { ok: true, cidr: `${formatAddress(bytes)}/${prefix}` };
}

/** Whether the text is one IPv4 or IPv6 address (no prefix). */
export function isIpAddress(text: string): boolean {
  return isIPv4(text) || (isIPv6(text) && !text.includes('%'));
}

function maskByte(prefix: number, index: number): number {
  const bitsInByte = Math.min(8, Math.max(0, prefix - index * 8));
  return (0xff << (8 - bitsInByte)) & 0xff;
}

function ipv6Bytes(address: string): number[] {
  let text = address.toLowerCase();
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    const [a, b, c, d] = text
      .slice(lastColon + 1)
      .split('.')
      .map(Number) as [number, number, number, number];
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const groups = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const words =
    tail === undefined
      ? groups(head)
      : [
          ...groups(head),
          ...Array<number>(8 - groups(head).length - groups(tail).length).fill(0),
          ...groups(tail),
        ];
  return words.flatMap((word) => [word >> 8, word & 0xff]);
}

function formatAddress(bytes: number[]): string {
  return bytes.length === 4 ? bytes.join('.') : formatIpv6(bytes);
}

// PostgreSQL's own rules (src/port/inet_net_ntop.c): the longest run of two or more zero groups, the
// first on a tie, becomes "::"; IPv4-compatible and IPv4-mapped addresses end in dotted quads.
function formatIpv6(bytes: number[]): string {
  const words = Array.from({ length: 8 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  const best = longestZeroRun(words);
  let text = '';
  for (let i = 0; i < 8; i++) {
    if (best && i >= best.base && i < best.base + best.length) {
      if (i === best.base) text += ':';
      continue;
    }
    if (i !== 0) text += ':';
    if (i === 6 && best?.base === 0 && embedsIpv4(words, best.length))
      return `${text}${bytes.slice(12).join('.')}`;
    text += words[i]!.toString(16);
  }
  return best && best.base + best.length === 8 ? `${text}:` : text;
}

function embedsIpv4(words: number[], zeroRun: number): boolean {
  return zeroRun === 6 || (zeroRun === 7 && words[7] !== 1) || (zeroRun === 5 && words[5] === 0xffff);
}

function longestZeroRun(words: number[]): { base: number; length: number } | null {
  let best: { base: number; length: number } | null = null;
  let current: { base: number; length: number } | null = null;
  for (let i = 0; i <= 8; i++) {
    if (i < 8 && words[i] === 0) {
      current = current ? { base: current.base, length: current.length + 1 } : { base: i, length: 1 };
      continue;
    }
    if (current && (!best || current.length > best.length)) best = current;
    current = null;
  }
  return best && best.length >= 2 ? best : null;
}
