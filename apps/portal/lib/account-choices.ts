import type { components, TollgateClient } from '@tollgate/sdk';

type Account = components['schemas']['AccountDto'];

/** As many ids as one `GET /accounts?ids=` takes (a page shows at most 200 rows). */
const MAX_IDS = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How an account is named in pickers and lists: its code and its name. */
export const accountLabel = (account: Pick<Account, 'code' | 'name'>) => `${account.code} · ${account.name}`;

/**
 * The accounts behind the ids a page shows (a list's rows, a filter already applied), in one read
 * (`GET /accounts?ids=`), so that any account is named, not only the first of a list. An id the API does
 * not answer (another tenant's, malformed) is left out; the page shows it as unknown.
 */
export async function accountsById(
  client: TollgateClient,
  ids: Iterable<string | null | undefined>,
): Promise<Map<string, Account>> {
  const distinct = [...new Set([...ids].filter((id): id is string => Boolean(id) && UUID.test(id!)))];
  if (distinct.length === 0) return new Map();
  const { data } = await client.GET('/accounts', {
    params: { query: { ids: distinct.slice(0, MAX_IDS).join(','), limit: MAX_IDS } },
  });
  return new Map((data?.data ?? []).map((account) => [account.id, account] as const));
}

/** The choice an account picker starts with: the account a filter or form already holds, by its id. */
export async function accountChoiceOf(
  client: TollgateClient,
  id: string | null | undefined,
): Promise<{ value: string; label: string } | undefined> {
  if (!id) return undefined;
  const account = (await accountsById(client, [id])).get(id);
  return { value: id, label: account ? accountLabel(account) : 'an unknown account' };
}
