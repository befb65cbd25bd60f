import { createTollgateClient, type TollgateClient } from '@tollgate/sdk';
import { type NextRequest, NextResponse } from 'next/server';
import { API_URL } from './api-url';
import { type Area, areaOf } from './areas';
import { forwardedFrom } from './forwarded-for';
import { decodeSession, SESSION_COOKIE } from './session-cookie';

type StaffApi = { client: TollgateClient; token: string };

/**
 * The API, for a route handler of a staff area, acting with the session of the request: 401 without
 * one, 404 for another area's URL (as pages do).
 */
export function staffApiOf(request: NextRequest, area: string): StaffApi | NextResponse {
  return staffApi(request, (own) => own === area);
}

/**
 * The API for a staff route handler outside the areas' URLs (the pickers' searches, the live calls
 * feed): 401 without a session, 404 for an end user or a user `allowed` refuses.
 */
export function staffApi(
  request: NextRequest,
  allowed: (own: Area) => boolean = () => true,
): StaffApi | NextResponse {
  const session = decodeSession(request.cookies.get(SESSION_COOKIE)?.value);
  if (!session) return NextResponse.json({ message: 'not logged in' }, { status: 401 });
  const own = areaOf(session.user);
  if (own === 'my' || !allowed(own)) return NextResponse.json({ message: 'not found' }, { status: 404 });
  return {
    client: createTollgateClient({
      baseUrl: API_URL,
      token: session.accessToken,
      headers: forwardedFrom(request),
    }),
    token: session.accessToken,
  };
}

/** What a route handler sends the API for its user: the session's token and the user's address. */
export function apiHeadersFor(request: Request, token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...forwardedFrom(request) };
}

/** An answer of the API passed on as JSON, with its status, never cached. */
export function passOn(status: number, body: unknown): NextResponse {
  return NextResponse.json(body ?? {}, { status, headers: { 'cache-control': 'no-store' } });
}
