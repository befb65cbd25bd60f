import { BlockList } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CidrTable, parseCidr, parseIpAddress } from './cidr-table';

function table(entries: Record<string, string>): CidrTable<string> {
  const networks = new CidrTable<string>();
  for (const [cidr, value] of Object.entries(entries)) expect(networks.add(cidr, value)).toBe(true);
  return networks;
}

describe('CIDR table', () => {
  it('answers the longest IPv4 network containing an address', () => {
    const networks = table({ '10.0.0.0/8': 'A', '10.1.0.0/16': 'B', '10.1.2.3/32': 'C', '10.1.2.0/24': 'D' });
    expect(networks.longest('10.1.2.3')).toBe('C');
    expect(networks.longest('10.1.2.4')).toBe('D');
    expect(networks.longest('10.1.3.4')).toBe('B');
    expect(networks.longest('10.200.0.1')).toBe('A');
    expect(networks.longest('11.0.0.1')).toBeUndefined();
    expect(networks.longest('9.255.255.255')).toBeUndefined();
  });

  it.each([
    ['192.0.2.0/24', ['192.0.2.0', '192.0.2.255'], ['192.0.1.255', '192.0.3.0']],
    ['198.51.100.128/25', ['198.51.100.128', '198.51.100.255'], ['198.51.100.127', '198.51.101.128']],
    ['203.0.113.6/31', ['203.0.113.6', '203.0.113.7'], ['203.0.113.5', '203.0.113.8']],
    ['128.0.0.0/1', ['128.0.0.0', '255.255.255.255'], ['127.255.255.255', '0.0.0.1']],
    ['172.16.0.0/12', ['172.16.0.0', '172.31.255.255'], ['172.15.255.255', '172.32.0.0']],
    ['0.0.0.0/0', ['0.0.0.0', '255.255.255.255', '10.1.2.3'], ['::1']],
    [
      '2001:db8::/32',
      ['2001:db8::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff'],
      ['2001:db9::', '2001:db7::1'],
    ],
    [
      '2001:db8:0:8000::/49',
      ['2001:db8:0:8000::1', '2001:db8:0:ffff::'],
      ['2001:db8:0:7fff::', '2001:db8:1::'],
    ],
    ['2001:db8::a/127', ['2001:db8::a', '2001:db8::b'], ['2001:db8::9', '2001:db8::c']],
    ['2001:db8::1/128', ['2001:DB8:0:0:0:0:0:1', '[2001:db8::1]'], ['2001:db8::2']],
    ['::/0', ['::1', 'ffff::1'], ['10.0.0.1']],
  ])('%s contains its first and last addresses and nothing either side', (cidr, inside, outside) => {
    const networks = table({ [cidr]: 'in' });
    for (const address of inside) expect(networks.longest(address), address).toBe('in');
    for (const address of outside) expect(networks.longest(address), address).toBeUndefined();
  });

  it('answers the longest IPv6 network, whatever the notation of the address', () => {
    const networks = table({ '2001:db8::/32': 'A', '2001:db8:1::/48': 'B', '2001:db8:1:2::5/128': 'C' });
    expect(networks.longest('2001:db8:1:2::5')).toBe('C');
    expect(networks.longest('2001:0DB8:0001:0002:0000:0000:0000:0005')).toBe('C');
    expect(networks.longest('2001:db8:1:2::6')).toBe('B');
    expect(networks.longest('2001:db8:2::1')).toBe('A');
    expect(networks.longest('2001:db9::1')).toBeUndefined();
  });

  it('keeps the families apart but reads IPv4-mapped IPv6 addresses and networks as IPv4', () => {
    const networks = table({ '10.0.0.1/32': 'v4', '::ffff:192.0.2.0/120': 'mapped' });
    expect(networks.longest('::a00:1')).toBeUndefined(); // IPv4-compatible, not mapped: an IPv6 address
    expect(networks.longest('::ffff:10.0.0.1')).toBe('v4');
    expect(networks.longest('::ffff:a00:1')).toBe('v4');
    expect(networks.longest('192.0.2.77')).toBe('mapped');
    expect(parseCidr('::ffff:0:0/95')).toBeUndefined();
  });

  it('ignores host bits after the mask, as an inet network would', () => {
    const networks = table({ '10.1.2.3/16': 'A' });
    expect(networks.longest('10.1.255.255')).toBe('A');
    expect(networks.longest('10.2.0.0')).toBeUndefined();
  });

  it.each([
    '',
    '10.1.2',
    '10.1.2.256',
    '010.1.2.3',
    '10.1.2.3.4',
    '10..2.3',
    '1.2.3.4 ',
    'fe80::1%eth0',
    '2001:db8:::1',
    'example.com',
    '10.0.0.0/33',
    '10.0.0.0/',
    '10.0.0.0/x',
    '2001:db8::/129',
  ])('refuses %j as a network and finds nothing for it as an address', (text) => {
    const networks = table({ '0.0.0.0/0': 'v4', '::/0': 'v6' });
    expect(new CidrTable<string>().add(text, 'x')).toBe(false);
    if (!text.includes('/')) {
      expect(parseIpAddress(text)).toBeUndefined();
      expect(networks.longest(text)).toBeUndefined();
    }
  });

  it('keeps the first value of a network added twice', () => {
    const networks = table({ '192.0.2.0/24': 'first' });
    networks.add('192.0.2.0/24', 'second');
    expect(networks.longest('192.0.2.1')).toBe('first');
    expect(networks.size).toBe(1);
  });

  it('lets `some` look past the longest network to the shorter ones containing the address', () => {
    const networks = table({ '10.0.0.0/8': 'wide', '10.1.0.0/16': 'narrow' });
    const seen: string[] = [];
    expect(networks.some('10.1.2.3', (value) => (seen.push(value), value === 'wide'))).toBe(true);
    expect(seen).toEqual(['narrow', 'wide']);
    expect(networks.some('10.1.2.3', () => false)).toBe(false);
    expect(networks.some('11.0.0.1', () => true)).toBe(false);
  });

  it('agrees with node:net BlockList on random networks and addresses of both families', () => {
    const random = mulberry32(7);
    for (const family of ['ipv4', 'ipv6'] as const) {
      const bits = family === 'ipv4' ? 32 : 128;
      const networks: Array<{ network: bigint; length: number; list: BlockList }> = [];
      const cidrs = new CidrTable<number>();
      for (let i = 0; i < 150; i++) {
        const length = Math.floor(random() * (bits + 1));
        const network = mask(randomBits(random, bits), length, bits);
        const list = new BlockList();
        list.addSubnet(format(network, family), length, family);
        if (cidrs.add(`${format(network, family)}/${length}`, networks.length))
          networks.push({ network, length, list });
      }
      for (let i = 0; i < 1500; i++) {
        // Half the addresses inside a random network, so deep matches are exercised.
        const around = networks[Math.floor(random() * networks.length)]!;
        const bitsOfAddress = randomBits(random, bits);
        const value =
          random() < 0.5 ? around.network | hostPart(bitsOfAddress, around.length, bits) : bitsOfAddress;
        const address = format(value, family);
        const expected = networks
          .map((network, index) => ({ index, network }))
          .filter(({ network }) => network.list.check(address, family))
          .sort((a, b) => b.network.length - a.network.length)[0];
        const found = cidrs.longest(address);
        expect(found === undefined ? undefined : networks[found]!.length, address).toBe(
          expected?.network.length,
        );
      }
    }
  });
});

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBits(random: () => number, bits: number): bigint {
  let value = 0n;
  for (let i = 0; i < bits; i += 16) value = (value << 16n) | BigInt(Math.floor(random() * 65536));
  return value;
}

function mask(value: bigint, length: number, bits: number): bigint {
  const hostBits = BigInt(bits - length);
  return (value >> hostBits) << hostBits;
}

function hostPart(value: bigint, length: number, bits: number): bigint {
  return value & ((1n << BigInt(bits - length)) - 1n);
}

function format(value: bigint, family: 'ipv4' | 'ipv6'): string {
  if (family === 'ipv4') return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  return Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(
    ':',
  );
}
