import { type NextRequest, NextResponse } from 'next/server';
import { API_URL } from '../../../../../../lib/api-url';
import { areaOf } from '../../../../../../lib/areas';
import { apiHeadersFor } from '../../../../../../lib/route-session';
import { decodeSession, SESSION_COOKIE } from '../../../../../../lib/session-cookie';

/** A porting document, streamed from the API with the session's token and the API's type and name. */
export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ area: string; id: string; documentId: string }> },
) {
  const session = decodeSession(request.cookies.get(SESSION_COOKIE)?.value);
  if (!session) return NextResponse.redirect(new URL('/login', request.url));
  const { area, id, documentId } = await params;
  if (areaOf(session.user) !== area) return new NextResponse('Not found', { status: 404 });
  const answer = await fetch(
    `${API_URL}/porting-requests/${encodeURIComponent(id)}/documents/${encodeURIComponent(documentId)}`,
    { headers: apiHeadersFor(request, session.accessToken) },
  );
  if (answer.status === 401) return NextResponse.redirect(new URL('/session-expired', request.url));
  if (!answer.ok || !answer.body)
    return new NextResponse(
      answer.status === 404 || answer.status === 400 ? 'Not found' : 'The download failed',
      {
        status: answer.status === 404 || answer.status === 400 ? 404 : 502,
      },
    );
  const headers = new Headers({ 'cache-control': 'no-store' });
  for (const name of ['content-type', 'content-length', 'content-disposition']) {
    const value = answer.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new NextResponse(answer.body, { headers });
}
