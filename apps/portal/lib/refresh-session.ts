import { createTollgateClient } from '@tollgate/sdk';
import { API_URL } from './api-url';
import { type PortalSession, sessionFromTokens } from './session-cookie';

/** New tokens for a session; null when the API refuses the refresh token (expired, revoked, user disabled). */
export async function refreshSession(session: PortalSession): Promise<PortalSession | null> {
  const client = createTollgateClient({ baseUrl: API_URL });
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
