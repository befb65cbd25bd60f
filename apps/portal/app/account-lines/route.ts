import { createTollgateClient } from '@tollgate/sdk';
import { type NextRequest, NextResponse } from 'next/server';
import { API_URL } from '../../lib/api-url';
import { areaOf } from '../../lib/areas';
import { forwardedFrom } from '../../lib/forwarded-for';
import { passOn } from '../../lib/route-session';
import { decodeSession, SESSION_COOKIE } from '../../lib/session-cookie';

/**
 * The lines of the account chosen in a staff form (a number assigned to a line of it), read with the
 * session's token once the account is picked.
 */
export async function GET(request: NextRequest) {
  const session = decodeSession(request.cookies.get(SESSION_COOKIE)?.value);
  if (!session) return NextResponse.json({ message: 'not logged in' }, { status: 401 });
  if (areaOf(session.user) === 'my') return NextResponse.json({ message: 'not found' }, { status: 404 });
  const accountId = request.nextUrl.searchParams.get('accountId');
  if (!accountId) return passOn(400, { message: 'accountId is required' });
  const client = createTollgateClient({
    baseUrl: API_URL,
    token: session.accessToken,
    headers: forwardedFrom(request),
  });
  const { data, error, response } = await client.GET('/lines', {
    params: { query: { accountId, limit: 200, sort: 'username' } },
  });
  if (!data) return passOn(response.status, error);
  return passOn(200, {
    choices: data.data.map((line) => ({ value: line.id, label: `${line.username}@${line.domain}` })),
  });
}
