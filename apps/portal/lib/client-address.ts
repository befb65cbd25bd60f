import { headers } from 'next/headers';
import { forwardedFor } from './forwarded-for';

/**
 * The headers that tell the API who the user is talking from: the browser's address, as portal-server.mjs
 * decided it (never what the browser claimed), so the API's login limits and audit log see the user's
 * address rather than the portal's.
 */
export async function forwardedForUser(): Promise<Record<string, string>> {
  return forwardedFor(await headers());
}
