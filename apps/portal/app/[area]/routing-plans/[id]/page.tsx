import type { Metadata } from 'next';
import Link from 'next/link';
import { fieldsWith, STRATEGY_LABELS } from '../../../../lib/catalog-fields';
import { api, mustRead, requireArea } from '../../../../lib/session';
import { CatalogForm } from '../../../ui/catalog-form';
import { Banner } from '../../../ui/form-controls';
import { PageHeader } from '../../../ui/page-header';
import { EmptyState } from '../../../ui/states';
import { StatusBadge } from '../../../ui/status-badge';
import styles from '../../../ui/ui.module.css';
import { removeCatalogPart, saveCatalogObject } from '../../catalog-actions';
import { marginGuardOf } from '../../catalog/format';
import { vendorOptions } from '../../catalog/options';

export const metadata: Metadata = { title: 'Routing plan' };

const MOST = 200;

type Assignment = {
  id: string;
  prefix: string;
  vendorId: string;
  priority: number | null;
  weight: number | null;
};

export default async function RoutingPlanPage({
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
  const path = { id };
  const plan = await mustRead(client.GET('/routing-plans/{id}', { params: { path } }));
  const [rules, assignments, vendors] = await Promise.all([
    mustRead(
      client.GET('/routing-plans/{id}/prefixes', {
        params: { path, query: { limit: MOST, sort: 'prefix' } },
      }),
    ),
    mustRead(
      client.GET('/routing-plans/{id}/vendors', { params: { path, query: { limit: MOST, sort: 'prefix' } } }),
    ),
    vendorOptions(client),
  ]);
  const vendorName = new Map(vendors.map((vendor) => [vendor.value, vendor.label]));
  const byPrefix = new Map<string, Assignment[]>();
  for (const assignment of assignments.data)
    byPrefix.set(assignment.prefix, [...(byPrefix.get(assignment.prefix) ?? []), assignment]);
  const defaults = byPrefix.get('') ?? [];
  const base = `/${area}/routing-plans/${id}`;
  const vendorList = (list: Assignment[]) =>
    list.length === 0 ? (
      <span style={{ color: 'var(--muted)' }}>the plan’s vendors</span>
    ) : (
      <ul style={{ margin: 0, paddingLeft: '1.1rem' }}>
        {list.map((assignment) => (
          <li key={assignment.id}>
            {vendorName.get(assignment.vendorId) ?? 'a vendor you do not manage'}
            {assignment.priority !== null ? ` · priority ${assignment.priority}` : ''}
            {assignment.weight !== null ? ` · weight ${assignment.weight}` : ''}{' '}
            <form
              className={styles.inlineForm}
              action={removeCatalogPart.bind(null, area, 'routingVendor', id, assignment.id)}
            >
              <button type="submit" className={styles.linkButton}>
                Remove
                <span className="visually-hidden">
                  {' '}
                  this vendor from prefix {assignment.prefix || 'default'}
                </span>
              </button>
            </form>
          </li>
        ))}
      </ul>
    );
  return (
    <>
      {flags.created ? <Banner kind="success">The routing plan is created.</Banner> : null}
      {flags.saved ? <Banner kind="success">Your changes are saved.</Banner> : null}
      {flags.removed ? <Banner kind="success">Removed.</Banner> : null}
      {flags.notRemoved ? (
        <Banner kind="error">That could not be removed; it may be gone already.</Banner>
      ) : null}
      <PageHeader
        title={plan.name}
        description={`${STRATEGY_LABELS[plan.strategy]} · margin guard ${marginGuardOf(plan)} · up to ${plan.maxVendors} vendors per call`}
        actions={
          <>
            <Link href={`${base}/edit`} className={styles.button}>
              Edit
            </Link>
            <Link href={`/${area}/routing-test`} className={styles.buttonSecondary}>
              Test a number
            </Link>
            <Link href={`/${area}/routing-plans`} className={styles.buttonSecondary}>
              All routing plans
            </Link>
          </>
        }
      />
      <div className={styles.twoColumns}>
        <section className={styles.card} aria-labelledby="defaults-heading">
          <h2 id="defaults-heading">Vendors for every destination</h2>
          {defaults.length === 0 ? (
            <EmptyState title="No vendors yet">
              <p>Add the vendors that may carry this plan’s calls.</p>
            </EmptyState>
          ) : (
            vendorList(defaults)
          )}
        </section>
        <section className={styles.card} aria-labelledby="add-vendor-heading">
          <h2 id="add-vendor-heading">Add a vendor</h2>
          {vendors.length === 0 ? (
            <p>
              You have no vendors yet. <Link href={`/${area}/vendors/new`}>Create one</Link>.
            </p>
          ) : (
            <CatalogForm
              action={saveCatalogObject.bind(null, area, 'routingVendor', null, id)}
              fields={fieldsWith('routingVendor', { vendorId: vendors })}
              initial={{ vendorId: vendors[0]!.value, prefix: '', priority: '', weight: '' }}
              editing={false}
              submitLabel="Add vendor"
              idPrefix="vendor"
              plain
            />
          )}
        </section>
      </div>
      <section className={styles.card} aria-labelledby="rules-heading">
        <h2 id="rules-heading">Prefix rules</h2>
        <p style={{ color: 'var(--muted)' }}>
          The longest matching prefix decides: its strategy, its own vendors (else the plan’s), or a block.
        </p>
        {rules.data.length === 0 ? (
          <EmptyState title="No prefix rules">
            <p>Every destination follows the plan’s strategy and vendors.</p>
          </EmptyState>
        ) : (
          <div className={styles.tableWrap}>
            <table className={styles.table} data-testid="prefix-rules">
              <caption className="visually-hidden">Prefix rules</caption>
              <thead>
                <tr>
                  <th scope="col">Prefix</th>
                  <th scope="col">Strategy</th>
                  <th scope="col">Vendors</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rules.data.map((rule) => (
                  <tr key={rule.id}>
                    <td className="mono">{rule.prefix}</td>
                    <td>
                      {rule.blocked ? (
                        <StatusBadge status="blocked" />
                      ) : rule.strategy ? (
                        STRATEGY_LABELS[rule.strategy]
                      ) : (
                        'the plan’s'
                      )}
                    </td>
                    <td>{rule.blocked ? '—' : vendorList(byPrefix.get(rule.prefix) ?? [])}</td>
                    <td>
                      <form action={removeCatalogPart.bind(null, area, 'routingRule', id, rule.id)}>
                        <button type="submit" className={styles.linkButton}>
                          Remove rule<span className="visually-hidden"> {rule.prefix}</span>
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {rules.nextCursor || assignments.nextCursor ? (
          <p>The first {MOST} rules and vendor assignments are shown.</p>
        ) : null}
        <h3 style={{ margin: '1rem 0 0.5rem' }}>Add a prefix rule</h3>
        <CatalogForm
          action={saveCatalogObject.bind(null, area, 'routingRule', null, id)}
          fields={fieldsWith('routingRule', {})}
          initial={{ prefix: '', strategy: '', blocked: '' }}
          editing={false}
          submitLabel="Add rule"
          idPrefix="rule"
          plain
        />
      </section>
    </>
  );
}
