import { createTollgateClient } from '@tollgate/sdk';
import { type NextRequest, NextResponse } from 'next/server';
import { readSystemStatus } from '../[area]/_dashboard/system-status';
import { API_URL } from '../../lib/api-url';
import { areaOf } from '../../lib/areas';
import { forwardedFrom } from '../../lib/forwarded-for';
import { decodeSession, SESSION_COOKIE } from '../../lib/session-cookie';

/** What the dashboard's status lights poll: the API's health report, read with the session's token. */
export async function GET(request: NextRequest) {
  const session = decodeSession(request.cookies.get(SESSION_COOKIE)?.value);
  if (!session) return NextResponse.json({ message: 'not logged in' }, { status: 401 });
  if (areaOf(session.user) !== 'owner') return NextResponse.json({ message: 'not found' }, { status: 404 });
  const { status, httpStatus } = await readSystemStatus(
    createTollgateClient({ baseUrl: API_URL, token: session.accessToken, headers: forwardedFrom(request) }),
  );
  if (!status) return NextResponse.json({ message: 'the API did not answer' }, { status: httpStatus || 502 });
  return NextResponse.json(status, { headers: { 'cache-control': 'no-store' } });
}
