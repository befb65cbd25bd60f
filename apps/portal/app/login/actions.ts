'use server';

import { createTollgateClient } from '@tollgate/sdk';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { formErrorsOf, type FormErrors } from '../../lib/api-errors';
import { API_URL } from '../../lib/api-url';
import { forwardedForUser } from '../../lib/client-address';
import { type Area, areaOf, homeOf } from '../../lib/areas';
import { cookieOptions, encodeSession, SESSION_COOKIE, sessionFromTokens } from '../../lib/session-cookie';

export interface LoginState {
  errors?: FormErrors;
  email?: string;
}

export async function login(_previous: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get('email') ?? '').trim();
  const password = String(form.get('password') ?? '');
  const incoming = await headers();
  const client = createTollgateClient({ baseUrl: API_URL });
  const answer = await client
    .POST('/auth/login', {
      body: { email, password },
      // The API limits failed logins per source address too: the browser's, not the portal's.
      headers: {
        'user-agent': incoming.get('user-agent') ?? 'tollgate-portal',
        ...(await forwardedForUser()),
      },
    })
    .catch(() => undefined);
  if (!answer)
    return {
      email,
      errors: { message: 'The platform cannot be reached. Try again in a moment.', fields: {} },
    };
  if (!answer.data) {
    const errors = formErrorsOf(answer.error, answer.response.status);
    if (answer.response.status === 401) errors.message = 'Wrong e-mail or password.';
    if (answer.response.status === 429)
      errors.message = 'Too many attempts: wait a few minutes, then try again.';
    return { email, errors };
  }
  const session = sessionFromTokens(answer.data);
  const jar = await cookies();
  jar.set(
    SESSION_COOKIE,
    encodeSession(session),
    cookieOptions(incoming.get('x-forwarded-proto') === 'https'),
  );
  const area = areaOf(session.user);
  redirect(nextWithin(String(form.get('next') ?? ''), area) ?? homeOf(area));
}

/** The page asked for before login, if it is one of this user's area: never another site or area. */
function nextWithin(next: string, area: Area): string | null {
  if (next.startsWith('//') || next.startsWith('/\\')) return null;
  return next === '/password' || next === `/${area}` || next.startsWith(`/${area}/`) ? next : null;
}
