import { type NextRequest, NextResponse } from 'next/server';
import { SESSION_COOKIE } from '../../lib/session-cookie';

/** Where a page sends a user whose session the API stopped accepting: the cookie goes, the login says why. */
export function GET(request: NextRequest) {
  const response = NextResponse.redirect(new URL('/login?reason=expired', request.url));
  response.cookies.delete(SESSION_COOKIE);
  return response;
}
