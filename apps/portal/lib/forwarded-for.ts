/**
 * `forwardedForUser` (client-address.ts) for a route handler or the middleware, read from the request it
 * handles: the browser's address as portal-server.mjs decided it, for the API's audit log and sessions.
 * No `next/headers` here: the middleware imports it.
 */
export function forwardedFrom(request: Request): Record<string, string> {
  return forwardedFor(request.headers);
}

export function forwardedFor(headers: Headers): Record<string, string> {
  const address = headers.get('x-forwarded-for');
  return address ? { 'x-forwarded-for': address } : {};
}
