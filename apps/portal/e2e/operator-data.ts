import { createTollgateClient, type TollgateClient } from '@tollgate/sdk';

/** The REST API as an operator uses it: the typed SDK, logged in with e-mail and password. */
export async function loginToApi(baseUrl: string, email: string, password: string): Promise<TollgateClient> {
  const { data, error, response } = await createTollgateClient({ baseUrl }).POST('/auth/login', {
    body: { email, password },
  });
  if (!data) throw new Error(`login of ${email} failed (${response.status}): ${JSON.stringify(error)}`);
  return createTollgateClient({ baseUrl, token: data.accessToken });
}

/** The answer of a request that must succeed; throws with the API's answer otherwise. */
export async function succeeded<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await request;
  if (data === undefined) throw new Error(`${response.url}: ${response.status} ${JSON.stringify(error)}`);
  return data;
}
