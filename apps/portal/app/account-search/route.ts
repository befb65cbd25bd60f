import { createTollgateClient } from '@tollgate/sdk';
import { type NextRequest, NextResponse } from 'next/server';
import { accountLabel } from '../../lib/account-choices';
import { API_URL } from '../../lib/api-url';
import { areaOf } from '../../lib/areas';
import { forwardedFrom } from '../../lib/forwarded-for';
import { passOn } from '../../lib/route-session';
import { decodeSession, SESSION_COOKIE } from '../../lib/session-cookie';

/** How many matches the account picker lists at once; typing more narrows them down. */
const MATCHES = 20;

/**
 * What the account picker asks while the user types: the staff user's own accounts (the API scopes them
 * to the caller's subtree) whose code or name contains `search`, optionally of one tenant, read with the
 * session's token; or, with `id`, the one account a form already holds.
 */
export async function GET(request: NextRequest) {
  const session = decodeSession(request.cookies.get(SESSION_COOKIE)?.value);
  if (!session) return NextResponse.json({ message: 'not logged in' }, { status: 401 });
  if (areaOf(session.user) === 'my') return NextResponse.json({ message: 'not found' }, { status: 404 });
  const client = createTollgateClient({
    baseUrl: API_URL,
    token: session.accessToken,
    headers: forwardedFrom(request),
  });
  const params = request.nextUrl.searchParams;
  const id = params.get('id');
  if (id) {
    const { data, response } = await client.GET('/accounts/{id}', { params: { path: { id } } });
    if (!data && response.status !== 404 && response.status !== 400) return passOn(response.status, {});
    return passOn(200, { choices: data ? [{ value: data.id, label: accountLabel(data) }] : [], more: false });
  }
  const search = params.get('search')?.trim() ?? '';
  const tenantId = params.get('tenantId');
  const { data, error, response } = await client.GET('/accounts', {
    params: {
      query: {
        limit: MATCHES,
        sort: 'code',
        order: 'asc',
        ...(search ? { search } : {}),
        ...(tenantId ? { tenantId } : {}),
      },
    },
  });
  if (!data) return passOn(response.status, error);
  return passOn(200, {
    choices: data.data.map((account) => ({ value: account.id, label: accountLabel(account) })),
    more: data.nextCursor !== null,
  });
}
