import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { toSearchParams } from '../../../../lib/pagination';
import { api, readUnlessForbidden, requireArea } from '../../../../lib/session';
import { Banner } from '../../../ui/form-controls';
import { PageHeader } from '../../../ui/page-header';
import { ForbiddenState } from '../../../ui/states';
import { StatusBadge } from '../../../ui/status-badge';
import styles from '../../../ui/ui.module.css';
import { setAdministratorActive, updateAdministrator } from '../actions';
import { ActivationForm, AdministratorForm } from '../administrator-form';

export const metadata: Metadata = { title: 'Login' };

export default async function AdministratorPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { area: areaParam, id } = await params;
  const session = await requireArea(areaParam);
  const { area } = session;
  const query = toSearchParams(await searchParams);
  const client = await api();
  const user = await readUnlessForbidden(client.GET('/users/{id}', { params: { path: { id } } }));
  if (user === 'forbidden')
    return (
      <>
        <PageHeader title="Login" />
        <ForbiddenState what="the logins of your organisation" />
      </>
    );
  // This page is for the tenant's own staff: an end user's or a reseller's login is not one of them.
  if (user.accountId || user.tenantId !== session.user.tenantId) notFound();
  const self = user.id === session.user.id;
  return (
    <>
      <PageHeader title={user.displayName} description={user.email} />
      {query.get('saved') ? <Banner kind="success">Saved.</Banner> : null}
      {query.get('deactivated') ? (
        <Banner kind="success">{user.displayName} is deactivated: their sessions have ended.</Banner>
      ) : null}
      {query.get('reactivated') ? <Banner kind="success">{user.displayName} can log in again.</Banner> : null}
      <div className={styles.card}>
        <dl className={styles.details}>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={user.active ? 'active' : 'deactivated'} />
          </dd>
          <dt>Last login</dt>
          <dd>
            {user.lastLoginAt
              ? `${new Date(user.lastLoginAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`
              : 'never'}
          </dd>
        </dl>
      </div>
      <AdministratorForm
        action={updateAdministrator.bind(null, area, id)}
        creating={false}
        cancelHref={`/${area}/administrators`}
        initial={{ displayName: user.displayName, email: user.email, role: user.role }}
      />
      {self ? (
        <p style={{ color: 'var(--muted)' }}>
          This is your own login: another administrator can deactivate it.
        </p>
      ) : (
        <section className={styles.card} aria-labelledby="access-heading">
          <h2 id="access-heading">{user.active ? 'Deactivate' : 'Reactivate'}</h2>
          <p style={{ color: 'var(--muted)', marginTop: 0 }}>
            {user.active
              ? 'A deactivated login cannot sign in, and its open sessions end at once. Its history stays.'
              : 'This login is deactivated. Reactivating lets it sign in with its password again.'}
          </p>
          <ActivationForm
            action={setAdministratorActive.bind(null, area, id, !user.active)}
            active={user.active}
            name={user.displayName}
          />
        </section>
      )}
    </>
  );
}
