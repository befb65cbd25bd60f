import { createTollgateClient } from '@tollgate/sdk';
import { type NextRequest, NextResponse } from 'next/server';
import { API_URL } from '../../lib/api-url';
import { areaOf } from '../../lib/areas';
import { forwardedFrom } from '../../lib/forwarded-for';
import { readLiveBoard } from '../../lib/live-calls';
import { decodeSession, SESSION_COOKIE } from '../../lib/session-cookie';

/** What the live calls page polls: JSON for the browser, read from the API with the session's token. */
export async function GET(request: NextRequest) {
  const session = decodeSession(request.cookies.get(SESSION_COOKIE)?.value);
  if (!session) return NextResponse.json({ message: 'not logged in' }, { status: 401 });
  if (areaOf(session.user) === 'my') return NextResponse.json({ message: 'not found' }, { status: 404 });
  const board = await readLiveBoard(
    createTollgateClient({ baseUrl: API_URL, token: session.accessToken, headers: forwardedFrom(request) }),
  );
  if ('status' in board) return NextResponse.json({ message: 'the API refused' }, { status: board.status });
  return NextResponse.json(board, { headers: { 'cache-control': 'no-store' } });
}
