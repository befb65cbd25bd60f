import { createTollgateClient, type TollgateClient } from '@tollgate/sdk';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { formErrorsOf, type FormErrors } from './api-errors';
import { API_URL } from './api-url';
import { type Area, areaOf, homeOf } from './areas';
import { brandOf, type Brand } from './brand';
import { forwardedForUser } from './client-address';
import { decodeSession, type PortalSession, SESSION_COOKIE } from './session-cookie';

/** The session of this request (the middleware has refreshed it if needed), or null. */
export const currentSession = cache(async (): Promise<PortalSession | null> => {
  const jar = await cookies();
  return decodeSession(jar.get(SESSION_COOKIE)?.value);
});

/** The session of a page that needs one: without it, to the login page. */
export async function requireSession(): Promise<PortalSession> {
  const session = await currentSession();
  if (!session) redirect('/login');
  return session;
}

/** The session of a page of `area`: a user of another area gets a not-found page, as for any foreign URL. */
export async function requireArea(area: string): Promise<PortalSession & { area: Area }> {
  const session = await requireSession();
  const own = areaOf(session.user);
  if (own !== area) notFound();
  return { ...session, area: own };
}

export async function landingPath(): Promise<string> {
  const session = await currentSession();
  return session ? homeOf(areaOf(session.user)) : '/login';
}

/** The typed API client acting for the logged-in user. */
export async function api(): Promise<TollgateClient> {
  const session = await requireSession();
  return createTollgateClient({
    baseUrl: API_URL,
    token: session.accessToken,
    headers: await forwardedForUser(),
  });
}

interface ApiAnswer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of a read the page cannot do without. 401: the session died (revoked, password changed
 * elsewhere) and the user goes back to the login page with a message; 404: the not-found page (also
 * what another tenant's object looks like); anything else throws to the segment's error page.
 */
export async function mustRead<T>(request: Promise<ApiAnswer<T>>): Promise<T> {
  const { data, error, response } = await request;
  if (response.status === 401) redirect('/session-expired');
  if (response.status === 404) notFound();
  if (data === undefined) {
    const message = (error as { message?: string } | undefined)?.message ?? response.statusText;
    throw new Error(`The API answered ${response.status}: ${message}`);
  }
  return data;
}

/** The brand this user sees, read once per request. */
export const currentBrand = cache(async (): Promise<Brand> => {
  const session = await currentSession();
  if (!session) return brandOf(undefined);
  const client = createTollgateClient({
    baseUrl: API_URL,
    token: session.accessToken,
    headers: await forwardedForUser(),
  });
  const { data } = await client.GET('/settings').catch(() => ({ data: undefined }));
  return brandOf(data);
});

/** A read the caller's role may be refused (403: an administrators' page seen by a billing user). */
export async function readUnlessForbidden<T>(request: Promise<ApiAnswer<T>>): Promise<T | 'forbidden'> {
  const answer = await request;
  if (answer.response.status === 403) return 'forbidden';
  return mustRead(Promise.resolve(answer));
}

/**
 * A search the user typed: a 400 comes back as the fields' reasons (shown under the filters) instead of
 * the error page; everything else is read as `mustRead` does.
 */
export async function readSearch<T>(
  request: Promise<ApiAnswer<T>>,
): Promise<{ data: T; errors?: undefined } | { data?: undefined; errors: FormErrors }> {
  const answer = await request;
  if (answer.response.status === 400) return { errors: formErrorsOf(answer.error, 400) };
  return { data: await mustRead(Promise.resolve(answer)) };
}
