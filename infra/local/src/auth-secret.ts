import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentDirectory } from './repository-paths';

/**
 * The secret that signs access tokens: AUTH_SECRET when given, otherwise one generated on the first
 * start and kept in .data/dev, so logins survive a restart of npm start.
 */
export function localAuthSecret(given: string | undefined): string {
  return given || keptSecret('auth-secret');
}

/** The token Kamailio shows the rating API: RATING_API_TOKEN when given, else one kept in .data/dev. */
export function localRatingApiToken(given: string | undefined): string {
  return given || keptSecret('rating-api-token');
}

function keptSecret(name: string): string {
  const directory = environmentDirectory('dev');
  const file = join(directory, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(directory, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** A fresh secret for one test run. */
export function testAuthSecret(): string {
  return randomBytes(48).toString('base64url');
}
