import { describe, expect, it } from 'vitest';
import { parseSourceAddressRange, rangesOverlap, type SourceAddressRange } from './source-address-range';

const range = (text: string) => parseSourceAddressRange(text) as SourceAddressRange;
const error = (text: string) => (parseSourceAddressRange(text) as { error?: string }).error;

describe('source address ranges', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7/32'],
    ['203.0.113.0/24', '203.0.113.0/24'],
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['127.0.0.1', '127.0.0.1/32'],
    ['2001:DB8::/32', '2001:db8::/32'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1/128'],
    ['2001:db8:0:1:0:0:0:0/64', '2001:db8:0:1::/64'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2:3:4:5:6/128'],
    ['::1', '::1/128'],
    ['64:ff9b::198.51.100.1', '64:ff9b::c633:6401/128'],
  ])('reads %s as %s', (input, text) => {
    expect(range(input).text).toBe(text);
  });

  it.each([
    ['', 'must be'],
    ['203.0.113', 'must be'],
    ['203.0.113.256', 'must be'],
    ['203.0.113.07', 'must be'],
    ['203.0.113.0/024', 'must be'],
    ['203.0.113.0/24/8', 'must be'],
    ['203.0.113.0/', 'must be'],
    ['0x7f.0.0.1', 'must be'],
    ['example.com', 'must be'],
    ['fe80::1%eth0', 'must be'],
    ['2001:db8:::1', 'must be'],
    ['203.0.113.0/33', 'at most /32'],
    ['2001:db8::/129', 'at most /128'],
    ['203.0.113.1/24', 'the range is 203.0.113.0/24'],
    ['2001:db8::1/64', 'the range is 2001:db8::/64'],
    ['0.0.0.0/0', 'wider than /8'],
    ['10.0.0.0/7', 'wider than /8'],
    ['2001::/16', 'wider than /32'],
    ['0.0.0.0', '0.0.0.0/8'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['ff02::1', 'multicast'],
    ['::ffff:203.0.113.7', 'IPv4-mapped'],
  ])('refuses %s', (input, reason) => {
    expect(error(input)).toContain(reason);
  });

  it('tells overlapping ranges of the same family apart from disjoint ones', () => {
    expect(rangesOverlap(range('10.1.0.0/16'), range('10.1.2.3'))).toBe(true);
    expect(rangesOverlap(range('10.1.2.3'), range('10.1.0.0/16'))).toBe(true);
    expect(rangesOverlap(range('10.1.0.0/16'), range('10.2.0.0/16'))).toBe(false);
    expect(rangesOverlap(range('2001:db8::/32'), range('2001:db8:ffff::/48'))).toBe(true);
    expect(rangesOverlap(range('2001:db8::/32'), range('2001:db9::/32'))).toBe(false);
    expect(rangesOverlap(range('10.0.0.1'), range('::a00:1'))).toBe(false);
  });
});
