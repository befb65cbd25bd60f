import { createTollgateClient } from '@tollgate/sdk';
import { type NextRequest, NextResponse } from 'next/server';
import { API_URL } from '../../lib/api-url';
import { forwardedFrom } from '../../lib/forwarded-for';
import { decodeSession, SESSION_COOKIE } from '../../lib/session-cookie';

/** Ends the session at the API (its refresh token stops working) and forgets it here. */
export async function POST(request: NextRequest) {
  const session = decodeSession(request.cookies.get(SESSION_COOKIE)?.value);
  if (session) {
    await createTollgateClient({ baseUrl: API_URL, headers: forwardedFrom(request) })
      .POST('/auth/logout', { body: { refreshToken: session.refreshToken } })
      .catch(() => undefined);
  }
  // 303: the browser follows with a GET.
  const response = NextResponse.redirect(new URL('/login?reason=signed-out', request.url), 303);
  response.cookies.delete(SESSION_COOKIE);
  return response;
}
