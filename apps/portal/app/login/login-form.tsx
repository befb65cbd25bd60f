'use client';

import { useActionState } from 'react';
import { Banner, Field, FormBanner } from '../ui/form-controls';
import { SubmitButton } from '../ui/submit-button';
import { login, type LoginState } from './actions';

export function LoginForm({ notice, next }: { notice?: string; next: string }) {
  const [state, action] = useActionState<LoginState, FormData>(login, {});
  return (
    <form action={action} noValidate>
      {notice && !state.errors ? <Banner kind="info">{notice}</Banner> : null}
      <FormBanner errors={state.errors} />
      <input type="hidden" name="next" value={next} />
      <Field
        name="email"
        label="E-mail"
        type="email"
        autoComplete="username"
        required
        defaultValue={state.email}
        error={state.errors?.fields.email}
        autoFocus
      />
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={state.errors?.fields.password}
      />
      <div style={{ display: 'grid' }}>
        <SubmitButton pending="Logging in…">Log in</SubmitButton>
      </div>
    </form>
  );
}
