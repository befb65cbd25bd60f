import type { components, TollgateClient } from '@tollgate/sdk';

export type LiveAccount = components['schemas']['LiveAccountListDto_Output']['data'][number];
export type LiveCall = components['schemas']['AccountLiveCallsDto_Output']['calls'][number];

export interface LiveBoard {
  accounts: Array<LiveAccount & { callList: LiveCall[] }>;
  readAt: string;
}

/** The accounts with calls up and, for the busiest ones, each call: what the live calls page shows. */
export async function readLiveBoard(
  client: TollgateClient,
  detailed = 25,
): Promise<LiveBoard | { status: number }> {
  const list = await client.GET('/live-calls');
  if (!list.data) return { status: list.response.status };
  const accounts = await Promise.all(
    list.data.data.map(async (account, index) => {
      if (index >= detailed) return { ...account, callList: [] };
      const calls = await client.GET('/accounts/{id}/live-calls', {
        params: { path: { id: account.accountId } },
      });
      return { ...account, callList: calls.data?.calls ?? [] };
    }),
  );
  return { accounts, readAt: new Date().toISOString() };
}
