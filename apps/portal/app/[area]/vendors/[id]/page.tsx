import type { Metadata } from 'next';
import Link from 'next/link';
import { fieldsWith } from '../../../../lib/catalog-fields';
import { api, mustRead, requireArea } from '../../../../lib/session';
import { CatalogForm } from '../../../ui/catalog-form';
import { Banner } from '../../../ui/form-controls';
import { PageHeader } from '../../../ui/page-header';
import { EmptyState } from '../../../ui/states';
import { StatusBadge } from '../../../ui/status-badge';
import styles from '../../../ui/ui.module.css';
import { removeCatalogPart, saveCatalogObject } from '../../catalog-actions';

export const metadata: Metadata = { title: 'Vendor' };

export default async function VendorPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string; id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { area: requested, id } = await params;
  const { area } = await requireArea(requested);
  const flags = await searchParams;
  const client = await api();
  const vendor = await mustRead(client.GET('/vendors/{id}', { params: { path: { id } } }));
  const [trunks, card] = await Promise.all([
    mustRead(client.GET('/vendors/{id}/trunks', { params: { path: { id }, query: { limit: 200 } } })),
    vendor.buyRateCardId
      ? client.GET('/rate-cards/{id}', { params: { path: { id: vendor.buyRateCardId } } })
      : Promise.resolve(null),
  ]);
  const base = `/${area}/vendors/${id}`;
  return (
    <>
      {flags.created ? <Banner kind="success">Saved. Add its trunks below.</Banner> : null}
      {flags.saved ? <Banner kind="success">Your changes are saved.</Banner> : null}
      {flags.removed ? <Banner kind="success">The trunk is removed.</Banner> : null}
      {flags.notRemoved ? <Banner kind="error">The trunk could not be removed.</Banner> : null}
      <PageHeader
        title={vendor.name}
        description={
          <>
            <StatusBadge status={vendor.enabled ? 'enabled' : 'disabled'} /> {vendor.currency} · priority{' '}
            {vendor.priority} · weight {vendor.weight}
            {vendor.qualityScore !== null ? ` · quality ${vendor.qualityScore}` : ''}
          </>
        }
        actions={
          <>
            <Link href={`${base}/edit`} className={styles.button}>
              Edit
            </Link>
            <Link href={`/${area}/vendors`} className={styles.buttonSecondary}>
              All vendors
            </Link>
          </>
        }
      />
      <div className={styles.twoColumns}>
        <section className={styles.card} aria-labelledby="details-heading">
          <h2 id="details-heading">Details</h2>
          <dl className={styles.details}>
            <dt>Buy rate card</dt>
            <dd>
              {card?.data ? (
                <Link href={`/${area}/rate-cards/${card.data.id}`}>{card.data.name}</Link>
              ) : (
                'none: routing leaves it out'
              )}
            </dd>
            <dt>Blocked destinations</dt>
            <dd className="mono">{vendor.blockedPrefixes.join(', ') || 'none'}</dd>
            <dt>Notes</dt>
            <dd>{vendor.notes ?? '—'}</dd>
          </dl>
        </section>
        <section className={styles.card} aria-labelledby="trunks-heading">
          <h2 id="trunks-heading">Trunks</h2>
          {trunks.data.length === 0 ? (
            <EmptyState title="No trunks yet">
              <p>Add the gateways calls are relayed to.</p>
            </EmptyState>
          ) : (
            <div className={styles.tableWrap}>
              <table className={styles.table}>
                <caption className="visually-hidden">Trunks of {vendor.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Gateway</th>
                    <th scope="col">State</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {trunks.data.map((trunk) => (
                    <tr key={trunk.id}>
                      <td>
                        <Link href={`${base}/trunks/${trunk.id}`}>{trunk.name}</Link>
                      </td>
                      <td className="mono">{trunk.gatewayUri}</td>
                      <td>
                        <StatusBadge status={trunk.enabled ? 'enabled' : 'disabled'} />
                      </td>
                      <td>
                        <form action={removeCatalogPart.bind(null, area, 'trunk', id, trunk.id)}>
                          <button type="submit" className={styles.linkButton}>
                            Remove<span className="visually-hidden"> trunk {trunk.name}</span>
                          </button>
                        </form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
      <section className={styles.card} aria-labelledby="add-trunk-heading">
        <h2 id="add-trunk-heading">Add a trunk</h2>
        <CatalogForm
          action={saveCatalogObject.bind(null, area, 'trunk', null, id)}
          fields={fieldsWith('trunk', {})}
          initial={{
            name: '',
            host: '',
            port: '5060',
            transport: 'udp',
            stripDigits: '0',
            addPrefix: '',
            maxChannels: '',
            timeoutSeconds: '30',
            enabled: 'on',
          }}
          editing={false}
          submitLabel="Add trunk"
          idPrefix="trunk"
          plain
        />
      </section>
    </>
  );
}
