import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentSession, landingPath } from '../../lib/session';
import { LoginForm } from './login-form';
import styles from './login.module.css';

export const metadata: Metadata = { title: 'Log in' };

const REASONS: Record<string, string> = {
  expired: 'Your session has expired. Please log in again.',
  'signed-out': 'You are signed out.',
  'password-changed': 'Your password was changed. Log in with the new one.',
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const reason = typeof params.reason === 'string' ? REASONS[params.reason] : undefined;
  if (!reason && (await currentSession())) redirect(await landingPath());
  const next = typeof params.next === 'string' ? params.next : '';
  return (
    <main id="main" className={styles.page}>
      <div className={styles.panel}>
        <div className={styles.logo} aria-hidden="true">
          T
        </div>
        <h1>Log in</h1>
        <p className={styles.lead}>Operator, reseller and customer portal</p>
        <LoginForm notice={reason} next={next} />
        <p className={styles.footer}>
          <a href="/status">Platform status</a>
        </p>
      </div>
    </main>
  );
}
