import type { NextRequest } from 'next/server';
import { accountLabel } from '../../lib/account-choices';
import { passOn, staffApi } from '../../lib/route-session';

/** How many matches the account picker lists at once; typing more narrows them down. */
const MATCHES = 20;

/**
 * What the account picker asks while the user types: the staff user's own accounts (the API scopes them
 * to the caller's subtree) whose code or name contains `search`, optionally of one tenant, read with the
 * session's token; or, with `id`, the one account a form already holds.
 */
export async function GET(request: NextRequest) {
  const api = staffApi(request);
  if (!('client' in api)) return api;
  const { client } = api;
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
