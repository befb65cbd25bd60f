import { describe, expect, it } from 'vitest';
import { rateIdHead } from './rate-deck-staging';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('rateIdHead: ids of the rates an import writes', () => {
  it('makes UUIDv7 ids that start with the import time and end with the line number', () => {
    const at = Date.UTC(2026, 11, 7, 0, 30);
    const head = rateIdHead(at, Buffer.from([0xff, 0xff, 0xff, 0xff]));
    const id = `${head}${(1_000_000).toString(16).padStart(12, '0')}`;
    expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    expect(id.endsWith('0000000f4240')).toBe(true);
  });

  it('keeps the version and variant bits whatever the random bits', () => {
    for (const random of [Buffer.alloc(4), Buffer.from([0x12, 0x34, 0x56, 0x78])])
      expect(`${rateIdHead(Date.now(), random)}000000000001`).toMatch(UUID_V7);
  });

  it('orders the ids of later imports after earlier ones', () => {
    expect(rateIdHead(1_000) < rateIdHead(2_000)).toBe(true);
  });
});
