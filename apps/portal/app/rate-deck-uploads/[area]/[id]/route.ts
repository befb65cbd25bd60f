import { type NextRequest, NextResponse } from 'next/server';
import { API_URL } from '../../../../lib/api-url';
import { areaOf } from '../../../../lib/areas';
import { refreshSession } from '../../../../lib/refresh-session';
import { forwardedFrom } from '../../../../lib/forwarded-for';
import { apiHeadersFor, passOn } from '../../../../lib/route-session';
import {
  cookieOptions,
  decodeSession,
  encodeSession,
  needsRefresh,
  SESSION_COOKIE,
} from '../../../../lib/session-cookie';

const PASSED_ON = ['mode', 'effectiveFrom', 'delimiter'];

/**
 * Starts a rate deck import: the browser's multipart upload goes on to the API as a stream, never held
 * here (decks run to hundreds of megabytes), with the import's mode, date and separator. The answer is
 * the queued import, or the API's 400 naming the bad parameter.
 *
 * The middleware does not run for this path: it would buffer the body and cut it at 10 MB. So the
 * session is refreshed here when due, as the middleware would.
 */
export async function POST(
  request: NextRequest,
  { params }: { params: Promise<{ area: string; id: string }> },
) {
  const { area, id } = await params;
  let session = decodeSession(request.cookies.get(SESSION_COOKIE)?.value);
  if (!session) return passOn(401, { message: 'not logged in' });
  const own = areaOf(session.user);
  if (own === 'my' || own !== area) return passOn(404, { message: 'not found' });
  let refreshed = false;
  if (needsRefresh(session)) {
    const renewed = await refreshSession(session, forwardedFrom(request));
    if (renewed) [session, refreshed] = [renewed, true];
    else if (session.accessExpiresAt <= Date.now()) return passOn(401, { message: 'session expired' });
  }
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.startsWith('multipart/form-data') || !request.body)
    return passOn(400, {
      message: 'Choose a file to import.',
      errors: [{ field: 'file', reason: 'is required' }],
    });
  const query = new URLSearchParams();
  for (const name of PASSED_ON) {
    const value = request.nextUrl.searchParams.get(name);
    if (value) query.set(name, value);
  }
  const answer = await fetch(`${API_URL}/rate-cards/${encodeURIComponent(id)}/imports?${query}`, {
    method: 'POST',
    headers: { ...apiHeadersFor(request, session.accessToken), 'content-type': contentType },
    body: request.body,
    // Node's fetch streams a request body only half-duplex.
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
  const response: NextResponse = passOn(answer.status, await answer.json().catch(() => null));
  if (refreshed)
    response.cookies.set(
      SESSION_COOKIE,
      encodeSession(session),
      cookieOptions(request.nextUrl.protocol === 'https:'),
    );
  return response;
}
