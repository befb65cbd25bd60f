'use server';

import { createTollgateClient } from '@tollgate/sdk';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { formErrorsOf, type FormErrors } from '../../lib/api-errors';
import { API_URL } from '../../lib/api-url';
import { forwardedForUser } from '../../lib/client-address';
import { requireSession } from '../../lib/session';
import { cookieOptions, encodeSession, SESSION_COOKIE, sessionFromTokens } from '../../lib/session-cookie';

export interface PasswordState {
  errors?: FormErrors;
  done?: boolean;
}

/**
 * The API ends every session of the user on a password change, this one included; the portal logs in
 * again with the new password so the user stays in, and only sends it to the login page if that fails.
 */
export async function changePassword(_previous: PasswordState, form: FormData): Promise<PasswordState> {
  const session = await requireSession();
  const currentPassword = String(form.get('currentPassword') ?? '');
  const newPassword = String(form.get('newPassword') ?? '');
  if (newPassword !== String(form.get('confirmPassword') ?? ''))
    return {
      errors: {
        message: 'Some fields need your attention.',
        fields: { confirmPassword: 'does not match the new password' },
      },
    };
  const user = await forwardedForUser();
  const client = createTollgateClient({ baseUrl: API_URL, token: session.accessToken, headers: user });
  const changed = await client.POST('/auth/password', { body: { currentPassword, newPassword } });
  if (changed.response.status === 401) redirect('/session-expired');
  if (changed.response.status !== 204) {
    const errors = formErrorsOf(changed.error, changed.response.status);
    if (changed.response.status === 422) errors.fields.currentPassword ??= 'is not your current password';
    return { errors };
  }
  const again = await createTollgateClient({ baseUrl: API_URL, headers: user }).POST('/auth/login', {
    body: { email: session.user.email, password: newPassword },
  });
  const jar = await cookies();
  if (!again.data) {
    jar.delete(SESSION_COOKIE);
    redirect('/login?reason=password-changed');
  }
  const secure = (await headers()).get('x-forwarded-proto') === 'https';
  jar.set(SESSION_COOKIE, encodeSession(sessionFromTokens(again.data)), cookieOptions(secure));
  return { done: true };
}
