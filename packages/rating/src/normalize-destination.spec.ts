import { describe, expect, it } from 'vitest';
import { normalizeDestination } from './normalize-destination';

describe('normalizeDestination', () => {
  it.each<[string, string | undefined]>([
    ['442079460000', '442079460000'],
    ['+442079460000', '442079460000'],
    ['00442079460000', '442079460000'],
    ['+44 20 7946 0000', '442079460000'],
    ['+44 (20) 7946-0000', '442079460000'],
    ['sip:+442079460000@pbx.example.com', '442079460000'],
    ['sip:00442079460000@10.0.0.1:5060;transport=udp', '442079460000'],
    ['sips:+442079460000;user=phone@example.com', '442079460000'],
    ['SIP:%2B442079460000@example.com', '442079460000'],
    ['sip:442079460000@example.com;user=phone', '442079460000'],
    ['tel:+44-20-7946-0000', '442079460000'],
    ['tel:+442079460000;phone-context=example.com', '442079460000'],
    ['sip:alice@example.com', undefined],
    ['*123#', undefined],
    ['', undefined],
    ['+', undefined],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeDestination(raw)).toBe(expected);
  });

  it('turns national numbers into E.164 when told the trunk prefix and country code', () => {
    expect(normalizeDestination('02079460000', { nationalPrefix: '0', countryCode: '44' })).toBe(
      '442079460000',
    );
    expect(normalizeDestination('00331234', { nationalPrefix: '0', countryCode: '44' })).toBe('331234');
  });

  it('accepts another international prefix', () => {
    expect(normalizeDestination('011442079460000', { internationalPrefix: '011' })).toBe('442079460000');
  });
});
