import { type NextRequest, NextResponse } from 'next/server';
import { forwardedFrom } from './lib/forwarded-for';
import { refreshSession } from './lib/refresh-session';
import {
  cookieOptions,
  decodeSession,
  encodeSession,
  needsRefresh,
  SESSION_COOKIE,
} from './lib/session-cookie';

/**
 * Every page but the public ones needs a session. An access token about to expire is refreshed here,
 * the only place (with route handlers and actions) that may write cookies before a page renders; the
 * new cookie goes both to the browser and to this request's server components. A refresh the API
 * refuses ends the session: back to the login page, saying why.
 */
export async function middleware(request: NextRequest) {
  const session = decodeSession(request.cookies.get(SESSION_COOKIE)?.value);
  if (!session) return toLogin(request, request.cookies.has(SESSION_COOKIE) ? 'expired' : null);
  if (!needsRefresh(session)) return NextResponse.next();
  const refreshed = await refreshSession(session, forwardedFrom(request));
  if (!refreshed) {
    // Refreshed early: the access token still works for this request; the next one tries again.
    if (session.accessExpiresAt > Date.now()) return NextResponse.next();
    return toLogin(request, 'expired');
  }
  const value = encodeSession(refreshed);
  request.cookies.set(SESSION_COOKIE, value);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(SESSION_COOKIE, value, cookieOptions(request.nextUrl.protocol === 'https:'));
  return response;
}

function toLogin(request: NextRequest, reason: 'expired' | null) {
  const url = new URL('/login', request.url);
  if (reason) url.searchParams.set('reason', reason);
  const next = request.nextUrl.pathname + request.nextUrl.search;
  if (next !== '/') url.searchParams.set('next', next);
  const response = NextResponse.redirect(url);
  response.cookies.delete(SESSION_COOKIE);
  return response;
}

export const config = {
  runtime: 'nodejs',
  // Public: the login page, the session-expired hand-off, the status page, Next's assets. Rate deck
  // uploads check (and refresh) the session themselves: the middleware would cut their body at 10 MB.
  matcher: ['/((?!login|session-expired|status|rate-deck-uploads/|_next/|favicon.ico).*)'],
};
