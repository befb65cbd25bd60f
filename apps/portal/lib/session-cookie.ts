import type { components } from '@tollgate/sdk';

export type SessionUser = components['schemas']['SessionUserDto_Output'];

/** What the portal keeps of a login, in one httpOnly cookie only the Next.js server reads. */
export interface PortalSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires. */
  accessExpiresAt: number;
  user: SessionUser;
}

export const SESSION_COOKIE = 'tollgate_session';

/** The cookie outlives the access token: the refresh token (30 days by default) is what keeps the login. */
export const SESSION_COOKIE_MAX_AGE_SECONDS = 30 * 86_400;

/** Refresh this long before the access token expires, so a request never reaches the API with a dead one. */
export const REFRESH_MARGIN_MS = 30_000;

export function encodeSession(session: PortalSession): string {
  return Buffer.from(JSON.stringify(session)).toString('base64url');
}

/** The session in a cookie value, or null when it is missing or not one of ours. */
export function decodeSession(value: string | undefined): PortalSession | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<PortalSession>;
    if (
      typeof parsed.accessToken !== 'string' ||
      typeof parsed.refreshToken !== 'string' ||
      typeof parsed.accessExpiresAt !== 'number' ||
      typeof parsed.user?.id !== 'string'
    )
      return null;
    return parsed as PortalSession;
  } catch {
    return null;
  }
}

export function sessionFromTokens(
  tokens: components['schemas']['TokensDto_Output'],
  now = Date.now(),
): PortalSession {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    accessExpiresAt: now + tokens.expiresIn * 1000,
    user: tokens.user,
  };
}

export function needsRefresh(session: PortalSession, now = Date.now()): boolean {
  return session.accessExpiresAt - REFRESH_MARGIN_MS <= now;
}

export function cookieOptions(secure: boolean) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    path: '/',
    maxAge: SESSION_COOKIE_MAX_AGE_SECONDS,
  };
}
