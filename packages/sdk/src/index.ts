import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './openapi-schema';

export type { components, operations, paths } from './openapi-schema';

export type TollgateClient = Client<paths>;

export interface TollgateClientOptions {
  /** Where the API answers, e.g. http://127.0.0.1:3100 */
  baseUrl: string;
  /** A user's access token or an integrator's API key, sent as a bearer token. */
  token?: string;
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request, e.g. the X-Forwarded-For a portal passes on for its user. */
  headers?: Record<string, string>;
}

/** The typed client of the Tollgate REST API; every path, body and answer is typed from the OpenAPI document. */
export function createTollgateClient(options: TollgateClientOptions): TollgateClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    headers: options.headers,
  });
  if (options.token) client.use(bearer(options.token));
  return client;
}

function bearer(token: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  };
}
