import { type NextRequest, NextResponse } from 'next/server';
import { API_URL } from '../../../../lib/api-url';
import { areaOf } from '../../../../lib/areas';
import { apiHeadersFor } from '../../../../lib/route-session';
import { decodeSession, SESSION_COOKIE } from '../../../../lib/session-cookie';
import { cdrFilterOf } from '../cdr-search';

/**
 * The CDRs of the search as CSV: the API's export streamed through with the session's token (the
 * browser never holds one), so an export of millions of rows never sits in the portal's memory.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ area: string }> }) {
  const session = decodeSession(request.cookies.get(SESSION_COOKIE)?.value);
  if (!session) return NextResponse.redirect(new URL('/login', request.url));
  if (areaOf(session.user) !== (await params).area) return new NextResponse('Not found', { status: 404 });
  const { query, errors } = cdrFilterOf(request.nextUrl.searchParams);
  if (Object.keys(errors).length > 0)
    return new NextResponse(
      `Bad filter: ${Object.entries(errors)
        .map(([f, r]) => `${f} ${r}`)
        .join('; ')}`,
      {
        status: 400,
      },
    );
  const url = new URL('/cdrs.csv', API_URL);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const answer = await fetch(url, { headers: apiHeadersFor(request, session.accessToken) });
  if (answer.status === 401) return NextResponse.redirect(new URL('/session-expired', request.url));
  if (!answer.ok || !answer.body) {
    const body = (await answer.json().catch(() => ({}))) as { message?: string };
    return new NextResponse(`The export failed: ${body.message ?? answer.statusText}`, {
      status: answer.status === 404 ? 404 : answer.status === 400 ? 400 : 502,
    });
  }
  const day = new Date().toISOString().slice(0, 10);
  return new NextResponse(answer.body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="cdrs-${day}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
