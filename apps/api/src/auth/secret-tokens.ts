import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** API keys and refresh tokens: random, shown once, stored only as a SHA-256 digest. */
export const API_KEY_MARKER = 'tgk_';
export const API_KEY_PREFIX_LENGTH = 12;

export function newApiKey(): { key: string; prefix: string; secretHash: string } {
  const key = `${API_KEY_MARKER}${randomBytes(30).toString('base64url')}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX_LENGTH), secretHash: digest(key) };
}

export function newRefreshToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: digest(token) };
}

export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function matchesDigest(secret: string, expectedHex: string): boolean {
  const actual = Buffer.from(digest(secret), 'hex');
  const expected = Buffer.from(expectedHex, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
