import type { components } from '@tollgate/sdk';
import type { Metadata } from 'next';
import Link from 'next/link';
import { formErrorsOf } from '../../../lib/api-errors';
import { accountChoiceOf } from '../../../lib/account-choices';
import { STRATEGY_LABELS } from '../../../lib/catalog-fields';
import { toSearchParams } from '../../../lib/pagination';
import { api, requireArea } from '../../../lib/session';
import { AccountPicker } from '../../ui/account-picker';
import { Banner, Field } from '../../ui/form-controls';
import { Money } from '../../ui/money';
import { PageHeader } from '../../ui/page-header';
import { EmptyState } from '../../ui/states';
import styles from '../../ui/ui.module.css';

export const metadata: Metadata = { title: 'Test a number' };

type RoutingTest = components['schemas']['RoutingTestDto_Output'];

const EXCLUSION_REASONS: Record<RoutingTest['excluded'][number]['reason'], string> = {
  disabled: 'the vendor is disabled',
  blocked: 'the vendor or the plan blocks this destination',
  'no-rate': 'its buy card has no rate for this number',
  'above-sell': 'it costs more than the sell price (loss not allowed)',
  'below-margin': 'it leaves less than the plan’s margin guard',
  'no-buy-card': 'it has no buy rate card',
  'beyond-max-vendors': 'the plan hands over fewer vendors per call',
};

/**
 * How a call of an account to a number would be routed: the account's sell rate, each vendor in
 * order with its cost and margin, and why any vendor was left out. A GET form: results can be shared.
 */
export default async function RoutingTestPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { area } = await requireArea((await params).area);
  const query = toSearchParams(await searchParams);
  const accountId = query.get('accountId') ?? '';
  const number = (query.get('number') ?? '').trim();
  const client = await api();
  const chosenAccount = await accountChoiceOf(client, accountId);
  let result: RoutingTest | null = null;
  let fieldErrors: Record<string, string> = {};
  let message = '';
  if (accountId && number) {
    const answer = await client.GET('/accounts/{id}/routing-test', {
      params: { path: { id: accountId }, query: { number } },
    });
    if (answer.response.status === 404) fieldErrors = { accountId: 'is not an account of yours' };
    else if (answer.data) result = answer.data;
    else {
      const errors = formErrorsOf(answer.error, answer.response.status);
      fieldErrors = errors.fields;
      message = errors.message;
    }
  } else if (query.has('number') || query.has('accountId')) {
    fieldErrors = {
      ...(accountId ? {} : { accountId: 'choose an account' }),
      ...(number ? {} : { number: 'type the number to test' }),
    };
  }
  if (!result && Object.keys(fieldErrors).length > 0 && !message)
    message = 'Some fields need your attention.';
  const base = `/${area}/routing-test`;
  return (
    <>
      <PageHeader
        title="Test a number"
        description="What a call of an account to a number would cost, and which vendors would carry it."
        actions={
          <Link href={`/${area}/routing-plans`} className={styles.buttonSecondary}>
            Routing plans
          </Link>
        }
      />
      <form className={styles.card} action={base} noValidate>
        {message ? <Banner kind="error">{message}</Banner> : null}
        <div className={styles.formGrid}>
          <AccountPicker
            name="accountId"
            label="Account"
            defaultChoice={chosenAccount}
            error={fieldErrors.accountId}
          />
          <Field
            name="number"
            label="Number"
            defaultValue={number}
            inputMode="tel"
            hint="As dialled: +49…, 0049… or 49…"
            error={fieldErrors.number}
          />
        </div>
        <button type="submit" className={styles.button}>
          Test
        </button>
      </form>
      {result ? <RoutingTestResult result={result} /> : null}
    </>
  );
}

function RoutingTestResult({ result }: { result: RoutingTest }) {
  const sell = result.sellRate;
  return (
    <section className={styles.card} aria-labelledby="result-heading" data-testid="routing-result">
      <h2 id="result-heading">
        {result.destination ? `+${result.destination}` : 'Not a number'}:{' '}
        {result.routable ? 'routable' : `not routable (${result.refusal ?? 'no route'})`}
      </h2>
      <dl className={styles.details}>
        <dt>Sell rate</dt>
        <dd>
          {sell ? (
            <>
              <Money amount={sell.pricePerMinute} currency={sell.currency} digits={6} /> per minute ·{' '}
              {sell.destination ?? 'no name'} (prefix <span className="mono">{sell.prefix || 'any'}</span>) ·{' '}
              {sell.firstInterval}/{sell.nextInterval}
            </>
          ) : (
            'none: the account’s card has no rate for this number'
          )}
        </dd>
        <dt>Routing plan</dt>
        <dd>
          {result.routingPlan
            ? `${result.routingPlan.name} · ${STRATEGY_LABELS[result.routingPlan.strategy] ?? result.routingPlan.strategy}${
                result.routingPlan.matchedPrefix ? ` (rule ${result.routingPlan.matchedPrefix})` : ''
              } · up to ${result.routingPlan.maxVendors} vendors`
            : 'none'}
        </dd>
      </dl>
      <h3 style={{ margin: '1rem 0 0.5rem' }}>Vendors, in the order they are tried</h3>
      {result.vendors.length === 0 ? (
        <EmptyState title="No vendor would carry this call" />
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table} data-testid="routed-vendors">
            <caption className="visually-hidden">Vendors in order</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  #
                </th>
                <th scope="col">Vendor</th>
                <th scope="col">Rate</th>
                <th scope="col" className="num">
                  Cost / min
                </th>
                <th scope="col" className="num">
                  Margin / min
                </th>
                <th scope="col">Gateways</th>
              </tr>
            </thead>
            <tbody>
              {result.vendors.map((vendor, index) => (
                <tr key={vendor.vendorId}>
                  <td className="num">{index + 1}</td>
                  <td>{vendor.name}</td>
                  <td>
                    <span className="mono">{vendor.rate.prefix || 'any'}</span>{' '}
                    {vendor.rate.destination ?? ''}
                  </td>
                  <td className="num">
                    <Money amount={vendor.cost} currency={vendor.rate.currency} digits={6} />
                  </td>
                  <td className="num">
                    {vendor.margin === null ? (
                      '—'
                    ) : (
                      <Money
                        amount={vendor.margin}
                        currency={sell?.currency ?? vendor.rate.currency}
                        digits={6}
                      />
                    )}
                  </td>
                  <td className="mono" style={{ wordBreak: 'break-all' }}>
                    {vendor.gateways.map((gateway) => gateway.uri).join(', ') || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.excluded.length > 0 ? (
        <>
          <h3 style={{ margin: '1rem 0 0.5rem' }}>Left out</h3>
          <ul data-testid="excluded-vendors">
            {result.excluded.map((vendor) => (
              <li key={vendor.vendorId}>
                <strong>{vendor.name}</strong>: {EXCLUSION_REASONS[vendor.reason] ?? vendor.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {result.hiddenVendors > 0 ? (
        <p style={{ color: 'var(--muted)' }}>
          {result.hiddenVendors} vendor{result.hiddenVendors === 1 ? '' : 's'} of your provider take part and
          are not shown.
        </p>
      ) : null}
    </section>
  );
}
