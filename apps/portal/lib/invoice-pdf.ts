import { type NextRequest, NextResponse } from 'next/server';
import { API_URL } from './api-url';
import { areaOf } from './areas';
import { apiHeadersFor } from './route-session';
import { decodeSession, SESSION_COOKIE } from './session-cookie';

/**
 * An invoice's PDF streamed from the API with the session's token, for a user of `area` (the API
 * scopes it: another tenant's or another account's invoice is not found). The SDK parses JSON answers,
 * so the bytes are fetched and passed through as they come.
 */
export async function streamInvoicePdf(
  request: NextRequest,
  area: string,
  id: string,
): Promise<NextResponse> {
  const session = decodeSession(request.cookies.get(SESSION_COOKIE)?.value);
  if (!session) return NextResponse.redirect(new URL('/login', request.url));
  if (areaOf(session.user) !== area) return new NextResponse('Not found', { status: 404 });
  const answer = await fetch(`${API_URL}/invoices/${encodeURIComponent(id)}/pdf`, {
    headers: apiHeadersFor(request, session.accessToken),
  });
  if (answer.status === 401) return NextResponse.redirect(new URL('/session-expired', request.url));
  const missing = answer.status === 404 || answer.status === 400;
  if (!answer.ok || !answer.body)
    return new NextResponse(missing ? 'Not found' : 'The download failed', { status: missing ? 404 : 502 });
  const headers = new Headers({ 'cache-control': 'no-store' });
  for (const name of ['content-type', 'content-length', 'content-disposition']) {
    const value = answer.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new NextResponse(answer.body, { headers });
}
