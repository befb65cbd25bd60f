import { createTollgateClient } from '@tollgate/sdk';
import { API_URL } from './api-url';
import { type PortalSession, sessionFromTokens } from './session-cookie';

/** How long the answer to a refresh is given to other requests that still carry the old cookie. */
const SHARED_FOR_MS = 60_000;

const recentRefreshes = new Map<string, { startedAt: number; result: Promise<PortalSession | null> }>();

/**
 * New tokens for a session; null when the API refuses the refresh token (expired, revoked, user
 * disabled). A refresh token works once, and a page load sends several requests at once (navigation,
 * prefetches, the live calls poll): they share one refresh, so none of them is logged out for having
 * come second. (Shared within one portal process; behind several, keep a user on one.)
 */
export function refreshSession(
  session: PortalSession,
  /** The user's address for the API (`forwardedFrom`). */
  headers: Record<string, string> = {},
  now = Date.now(),
): Promise<PortalSession | null> {
  for (const [token, refresh] of recentRefreshes)
    if (now - refresh.startedAt > SHARED_FOR_MS) recentRefreshes.delete(token);
  const running = recentRefreshes.get(session.refreshToken);
  if (running) return running.result;
  const result = requestRefresh(session, headers);
  recentRefreshes.set(session.refreshToken, { startedAt: now, result });
  return result;
}

async function requestRefresh(
  session: PortalSession,
  headers: Record<string, string>,
): Promise<PortalSession | null> {
  const client = createTollgateClient({ baseUrl: API_URL, headers });
  try {
    const { data } = await client.POST('/auth/refresh', {
      body: { refreshToken: session.refreshToken },
      signal: AbortSignal.timeout(5000),
    });
    return data ? sessionFromTokens(data) : null;
  } catch {
    return null;
  }
}
