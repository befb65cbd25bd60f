import type { NextRequest } from 'next/server';
import { passOn, staffApi } from '../../lib/route-session';

/**
 * The lines of the account chosen in a staff form (a number assigned to a line of it), read with the
 * session's token once the account is picked.
 */
export async function GET(request: NextRequest) {
  const api = staffApi(request);
  if (!('client' in api)) return api;
  const accountId = request.nextUrl.searchParams.get('accountId');
  if (!accountId) return passOn(400, { message: 'accountId is required' });
  const { data, error, response } = await api.client.GET('/lines', {
    params: { query: { accountId, limit: 200, sort: 'username' } },
  });
  if (!data) return passOn(response.status, error);
  return passOn(200, {
    choices: data.data.map((line) => ({ value: line.id, label: `${line.username}@${line.domain}` })),
  });
}
