import type { components, TollgateClient } from '@tollgate/sdk';
import type { Metadata } from 'next';
import Link from 'next/link';
import { api, mustRead, requireArea } from '../../../../lib/session';
import { formatDuration, formatMoment } from '../../../../lib/time-range';
import { Money } from '../../../ui/money';
import { PageHeader } from '../../../ui/page-header';
import { StatusBadge } from '../../../ui/status-badge';
import styles from '../../../ui/ui.module.css';

export const metadata: Metadata = { title: 'Call' };

type Level = components['schemas']['CdrDetailDto']['levels'][number];

const LEVEL_LABELS: Record<Level['kind'], string> = {
  customer: 'Customer price',
  reseller: 'Reseller buy price',
  vendor: 'Vendor cost',
};

/** Who a level's party is, by name where the caller may read it (the API decides, as for the levels). */
async function partyName(client: TollgateClient, level: Level, ownTenantId: string): Promise<string> {
  const path = { params: { path: { id: level.partyId } } };
  if (level.kind === 'customer') {
    const { data } = await client.GET('/accounts/{id}', path);
    return data ? `${data.code} · ${data.name}` : 'Account';
  }
  if (level.kind === 'vendor') return (await client.GET('/vendors/{id}', path)).data?.name ?? 'Vendor';
  if (level.partyId === ownTenantId) return 'You';
  return (await client.GET('/resellers/{id}', path)).data?.name ?? 'Reseller';
}

export default async function CdrPage({ params }: { params: Promise<{ area: string; id: string }> }) {
  const { area: requested, id } = await params;
  const { area, user } = await requireArea(requested);
  const client = await api();
  const cdr = await mustRead(client.GET('/cdrs/{id}', { params: { path: { id } } }));
  const names = await Promise.all(cdr.levels.map((level) => partyName(client, level, user.tenantId)));
  const base = `/${area}/cdrs`;
  return (
    <>
      <PageHeader
        title={`Call to +${cdr.destination}`}
        description={
          <>
            <StatusBadge status={cdr.disposition} /> {cdr.direction} · {formatMoment(cdr.startedAt)} ·{' '}
            <StatusBadge status={cdr.ratingStatus} />
          </>
        }
        actions={
          <Link href={base} className={styles.buttonSecondary}>
            All CDRs
          </Link>
        }
      />
      {cdr.unratedReason ? (
        <div role="status" className={styles.banner}>
          Not fully rated: {cdr.unratedReason}
        </div>
      ) : null}
      <dl className={styles.stats}>
        <div className={styles.stat}>
          <dt>Customer price</dt>
          <dd data-testid="cdr-price">
            {cdr.price === null ? 'not rated' : <Money amount={cdr.price} currency={cdr.currency} />}
          </dd>
        </div>
        <div className={styles.stat}>
          <dt>Duration</dt>
          <dd>{formatDuration(cdr.durationSeconds)}</dd>
        </div>
        <div className={styles.stat}>
          <dt>Billed seconds</dt>
          <dd>{cdr.billedSeconds ?? '—'}</dd>
        </div>
        <div className={styles.stat}>
          <dt>Charged live</dt>
          <dd>
            {cdr.liveCharged === null ? '—' : <Money amount={cdr.liveCharged} currency={cdr.currency} />}
          </dd>
        </div>
      </dl>
      <section className={styles.card} aria-labelledby="levels-heading">
        <h2 id="levels-heading">Cost at every level</h2>
        <p className={styles.hint}>
          The customer first, then each reseller above the account you may see, then the carrier. A
          level&apos;s margin is what its buyer earns: the price of the level below minus its own.
        </p>
        <div style={{ overflowX: 'auto' }}>
          <table className={styles.table} data-testid="cdr-levels">
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">Party</th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col" className="num">
                  Margin
                </th>
                <th scope="col" className="num">
                  Billed
                </th>
                <th scope="col">Rate snapshot</th>
              </tr>
            </thead>
            <tbody>
              {cdr.levels.map((level, index) => (
                <tr key={`${level.kind}-${level.partyId}`} data-level={level.kind}>
                  <th scope="row">{LEVEL_LABELS[level.kind]}</th>
                  <td>
                    {level.kind === 'customer' ? (
                      <Link href={`/${area}/accounts/${level.partyId}`}>{names[index]}</Link>
                    ) : (
                      names[index]
                    )}
                  </td>
                  <td className="num">
                    {level.price === null ? (
                      <span className="negative">{level.problem ?? 'no price'}</span>
                    ) : (
                      <Money amount={level.price} currency={level.currency ?? cdr.currency} />
                    )}
                  </td>
                  <td className="num">
                    {level.margin === null ? (
                      '—'
                    ) : (
                      <Money amount={level.margin} currency={level.currency ?? cdr.currency} />
                    )}
                  </td>
                  <td className="num">{level.billedSeconds === null ? '—' : `${level.billedSeconds} s`}</td>
                  <td>
                    <RateSnapshot rate={level.rate} currency={level.currency ?? cdr.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className={styles.card} aria-labelledby="call-heading">
        <h2 id="call-heading">The call</h2>
        <dl className={styles.details}>
          <dt>Account</dt>
          <dd>
            <Link href={`/${area}/accounts/${cdr.accountId}`}>Open the account</Link>
          </dd>
          <dt>Caller</dt>
          <dd className="mono">{cdr.caller ?? 'unknown'}</dd>
          <dt>Destination</dt>
          <dd className="mono">+{cdr.destination}</dd>
          <dt>Dialled</dt>
          <dd className="mono">{cdr.dialled ?? '—'}</dd>
          <dt>Set up</dt>
          <dd>{formatMoment(cdr.startedAt)}</dd>
          <dt>Answered</dt>
          <dd>{formatMoment(cdr.answeredAt)}</dd>
          <dt>Ended</dt>
          <dd>{formatMoment(cdr.endedAt)}</dd>
          <dt>SIP code</dt>
          <dd>{cdr.sipCode ?? '—'}</dd>
          <dt>End cause</dt>
          <dd>{cdr.endCause ?? '—'}</dd>
          <dt>Source</dt>
          <dd>{cdr.source}</dd>
          <dt>Call-ID</dt>
          <dd className="mono">
            {cdr.callId} (leg {cdr.leg})
          </dd>
          <dt>CDR id</dt>
          <dd className="mono">{cdr.id}</dd>
        </dl>
      </section>
    </>
  );
}

function RateSnapshot({ rate, currency }: { rate: Level['rate']; currency: string }) {
  if (!rate) return <>—</>;
  return (
    <span style={{ fontSize: '0.88rem' }}>
      <span className="mono">{rate.prefix}</span> {rate.destination ?? ''}
      {rate.period ? ` (${rate.period})` : ''}
      <br />
      <Money amount={rate.pricePerMinute} currency={currency} digits={6} />
      /min · connect <Money amount={rate.connectFee} currency={currency} digits={6} /> · min{' '}
      <Money amount={rate.minCharge} currency={currency} digits={6} /> · {rate.firstInterval}/
      {rate.nextInterval} s{rate.freeSeconds > 0 ? ` · ${rate.freeSeconds} s free` : ''}
      {rate.noChargeBelow > 0 ? ` · free under ${rate.noChargeBelow} s` : ''}
    </span>
  );
}
