import type { Metadata } from 'next';
import Link from 'next/link';
import { accountLabel, accountsById } from '../../../../lib/account-choices';
import { api, mustRead, requireArea } from '../../../../lib/session';
import { formatMoment } from '../../../../lib/time-range';
import { Banner } from '../../../ui/form-controls';
import { Money } from '../../../ui/money';
import { PageHeader } from '../../../ui/page-header';
import { EmptyState } from '../../../ui/states';
import { StatusBadge } from '../../../ui/status-badge';
import styles from '../../../ui/ui.module.css';
import { assignDid, releaseDid, reserveDid } from './actions';
import { AssignForm, ReleaseForm, ReserveForm } from './did-forms';

export const metadata: Metadata = { title: 'Number' };

const DONE: Record<string, string> = {
  reserved: 'The number is reserved.',
  assigned: 'The number is assigned.',
  released: 'The number is released.',
};

export default async function DidPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string; id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { area: requested, id } = await params;
  const { area } = await requireArea(requested);
  const { done } = await searchParams;
  const client = await api();
  const path = { params: { path: { id } } };
  const did = await mustRead(client.GET('/dids/{id}', path));
  const [events, lines] = await Promise.all([
    mustRead(client.GET('/dids/{id}/events', { params: { path: { id }, query: { limit: 100 } } })),
    // A number held by an account goes to one of its lines; otherwise the lines come with the account chosen.
    did.accountId
      ? mustRead(
          client.GET('/lines', {
            params: { query: { limit: 200, sort: 'username', accountId: did.accountId } },
          }),
        ).then((page) => page.data)
      : Promise.resolve([]),
  ]);
  const accounts = await accountsById(client, [
    did.accountId,
    ...events.data.map((event) => event.accountId),
  ]);
  const labelOf = (accountId: string) => {
    const account = accounts.get(accountId);
    return account ? accountLabel(account) : undefined;
  };
  const lineOptions = lines.map((line) => ({ value: line.id, label: `${line.username}@${line.domain}` }));
  const holder = did.accountId
    ? { value: did.accountId, label: labelOf(did.accountId) ?? 'its account' }
    : undefined;
  const routeLine = did.routeLineId ? lines.find((line) => line.id === did.routeLineId) : undefined;
  return (
    <>
      {done && DONE[done] ? <Banner kind="success">{DONE[done]}</Banner> : null}
      <PageHeader
        title={`+${did.number}`}
        description={
          <>
            <StatusBadge status={did.status} /> {did.country} · {did.currency}
          </>
        }
        actions={
          <Link href={`/${area}/dids`} className={styles.buttonSecondary}>
            All numbers
          </Link>
        }
      />
      <div className={styles.twoColumns}>
        <section className={styles.card} aria-labelledby="did-details-heading">
          <h2 id="did-details-heading">Details</h2>
          <dl className={styles.details}>
            <dt>Account</dt>
            <dd>
              {did.accountId ? (
                <Link href={`/${area}/accounts/${did.accountId}`}>{holder?.label}</Link>
              ) : (
                'none'
              )}
            </dd>
            {did.reservedUntil ? (
              <>
                <dt>Reserved until</dt>
                <dd>{formatMoment(did.reservedUntil)}</dd>
              </>
            ) : null}
            {did.quarantinedUntil ? (
              <>
                <dt>Quarantined until</dt>
                <dd>{formatMoment(did.quarantinedUntil)}</dd>
              </>
            ) : null}
            <dt>Inbound calls go to</dt>
            <dd data-testid="did-route">
              {did.routeKind === 'line'
                ? `line ${routeLine ? `${routeLine.username}@${routeLine.domain}` : did.routeLineId}`
                : did.routeKind === 'uri'
                  ? did.routeUri
                  : did.routeKind === 'trunk'
                    ? 'a SIP trunk of the account'
                    : '—'}
            </dd>
            <dt>Sell: setup / monthly / per minute</dt>
            <dd>
              <Money amount={did.sellSetupFee} currency={did.currency} /> /{' '}
              <Money amount={did.sellMonthlyFee} currency={did.currency} /> /{' '}
              <Money amount={did.sellPerMinute} currency={did.currency} digits={6} />
            </dd>
            {did.buyMonthlyFee !== null ? (
              <>
                <dt>Buy: setup / monthly / per minute</dt>
                <dd>
                  {did.buySetupFee === null ? (
                    '—'
                  ) : (
                    <Money amount={did.buySetupFee} currency={did.currency} />
                  )}{' '}
                  / <Money amount={did.buyMonthlyFee} currency={did.currency} /> /{' '}
                  {did.buyPerMinute === null ? (
                    '—'
                  ) : (
                    <Money amount={did.buyPerMinute} currency={did.currency} digits={6} />
                  )}
                </dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className={styles.card} aria-labelledby="did-actions-heading">
          <h2 id="did-actions-heading">What to do with it</h2>
          {did.status === 'available' ? (
            <>
              <h3>Assign</h3>
              <AssignForm action={assignDid.bind(null, area, id)} tenantId={did.tenantId} lines={[]} />
              <h3>Or reserve it for a sale in progress</h3>
              <ReserveForm action={reserveDid.bind(null, area, id)} tenantId={did.tenantId} />
            </>
          ) : did.status === 'reserved' ? (
            <>
              <h3>Assign</h3>
              <AssignForm
                action={assignDid.bind(null, area, id)}
                tenantId={did.tenantId}
                lines={lineOptions}
                fixedAccount={holder}
              />
              <h3>Or end the reservation</h3>
              <ReleaseForm action={releaseDid.bind(null, area, id)} label="End the reservation" />
            </>
          ) : did.status === 'assigned' ? (
            <>
              <p>Releasing puts the number in quarantine before anyone else can have it.</p>
              <ReleaseForm action={releaseDid.bind(null, area, id)} label="Release" />
            </>
          ) : (
            <p>
              {did.status === 'quarantined'
                ? 'The number rests in quarantine after its release; it becomes available again afterwards.'
                : 'The number is being ported: its porting request moves it.'}
            </p>
          )}
        </section>
      </div>
      <section className={styles.card} aria-labelledby="did-history-heading">
        <h2 id="did-history-heading">History</h2>
        {events.data.length === 0 ? (
          <EmptyState title="No history" />
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">What</th>
                  <th scope="col">Status</th>
                  <th scope="col">Account</th>
                </tr>
              </thead>
              <tbody>
                {events.data.map((event) => (
                  <tr key={event.id}>
                    <td style={{ whiteSpace: 'nowrap' }}>{formatMoment(event.createdAt)}</td>
                    <td>{event.event.replace(/_/g, ' ')}</td>
                    <td>
                      {event.fromStatus ? `${event.fromStatus.replace('_', ' ')} → ` : ''}
                      {event.toStatus.replace('_', ' ')}
                    </td>
                    <td>{event.accountId ? (labelOf(event.accountId) ?? 'an account') : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
