import { randomUUID } from 'node:crypto';
import type { components } from '@tollgate/sdk';
import type { Metadata } from 'next';
import { accountChoiceOf, accountLabel, accountsById } from '../../../lib/account-choices';
import { toSearchParams } from '../../../lib/pagination';
import { api, mustRead, readSearch, requireArea } from '../../../lib/session';
import { dayRange } from '../../../lib/time-range';
import { AccountPicker } from '../../ui/account-picker';
import { Field, FormBanner, SelectField } from '../../ui/form-controls';
import { LedgerTable } from '../../ui/ledger-table';
import { Money } from '../../ui/money';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { SearchButtons } from '../../ui/search-controls';
import { TopUpForm } from '../../ui/top-up-form';
import styles from '../../ui/ui.module.css';
import { topUpReseller } from './actions';

export const metadata: Metadata = { title: 'Ledger' };

type Kind = components['schemas']['LedgerEntryDto']['kind'];

const KINDS: Array<{ value: Kind; label: string }> = [
  { value: 'top_up', label: 'Top-ups' },
  { value: 'call_charge', label: 'Calls' },
  { value: 'recurring_fee', label: 'Recurring fees' },
  { value: 'did_fee', label: 'Number fees' },
  { value: 'adjustment', label: 'Adjustments' },
  { value: 'refund', label: 'Refunds' },
  { value: 'invoice_payment', label: 'Invoice payments' },
];

export default async function LedgerPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { area } = await requireArea((await params).area);
  const search = toSearchParams(await searchParams);
  const range = dayRange(search.get('from'), search.get('to'));
  const kind = KINDS.find((k) => k.value === search.get('kind'))?.value;
  const party = search.get('party') ?? '';
  const [partyKind, partyId] = party.split(':') as [string, string | undefined];
  const client = await api();
  const [chosenAccount, resellers] = await Promise.all([
    partyKind === 'account' ? accountChoiceOf(client, partyId) : undefined,
    mustRead(client.GET('/resellers', { params: { query: { limit: 200, sort: 'name', order: 'asc' } } })),
  ]);
  const rangeInvalid = Object.keys(range.errors).length > 0;
  const result = rangeInvalid
    ? undefined
    : await readSearch(
        client.GET('/ledger', {
          params: {
            query: {
              limit: 50,
              cursor: search.get('cursor') ?? undefined,
              ...(kind ? { kind } : {}),
              ...(range.from ? { from: range.from } : {}),
              ...(range.to ? { to: range.to } : {}),
              ...(partyKind === 'account' && partyId ? { accountId: partyId } : {}),
              ...(partyKind === 'reseller' && partyId ? { resellerId: partyId } : {}),
            },
          },
        }),
      );
  const fieldErrors = result?.errors?.fields ?? {};
  const errors: Record<string, string> = {
    ...range.errors,
    ...(fieldErrors.accountId || fieldErrors.resellerId
      ? { party: fieldErrors.accountId ?? fieldErrors.resellerId! }
      : {}),
    ...(fieldErrors.kind ? { kind: fieldErrors.kind } : {}),
  };
  const base = `/${area}/ledger`;
  const filtered = Boolean(search.get('from') || search.get('to') || kind || party);
  const accounts = await accountsById(client, result?.data?.data.map((entry) => entry.accountId) ?? []);
  const parties = new Map<string, string>([
    ...[...accounts.values()].map((a) => [a.id, accountLabel(a)] as const),
    ...resellers.data.map((r) => [r.id, `Reseller ${r.name}`] as const),
  ]);
  const resellerChoices = resellers.data.map((r) => ({
    value: `reseller:${r.id}`,
    label: `Reseller ${r.name}`,
  }));
  const chosenParty = chosenAccount
    ? { value: `account:${chosenAccount.value}`, label: chosenAccount.label }
    : resellerChoices.find((choice) => choice.value === party);
  return (
    <>
      <PageHeader
        title="Ledger and top-ups"
        description={
          area === 'owner'
            ? 'Every money movement of your accounts and of your resellers’ balances with you.'
            : 'Every money movement of your accounts and sub-resellers, and your own balance with your provider.'
        }
      />
      {area === 'reseller' ? <ParentBalance /> : null}
      <form className={styles.card} role="search" action={base} aria-label="Search the ledger">
        {Object.keys(errors).length > 0 ? (
          <FormBanner errors={{ message: 'Some filters need your attention.', fields: errors }} />
        ) : null}
        <div className={styles.formGrid}>
          <AccountPicker
            name="party"
            label="Account or reseller"
            defaultChoice={chosenParty}
            error={errors.party}
            optional
            valuePrefix="account:"
            extraChoices={resellerChoices}
          />
          <SelectField
            name="kind"
            label="Kind"
            defaultValue={kind ?? ''}
            error={errors.kind}
            options={[{ value: '', label: 'Any' }, ...KINDS]}
          />
          <Field
            name="from"
            label="From day"
            type="date"
            defaultValue={search.get('from') ?? ''}
            error={errors.from}
          />
          <Field
            name="to"
            label="To day (included)"
            type="date"
            defaultValue={search.get('to') ?? ''}
            error={errors.to}
          />
        </div>
        <SearchButtons clearHref={filtered ? base : undefined} primary />
      </form>
      {partyKind === 'reseller' && partyId && resellers.data.some((r) => r.id === partyId) ? (
        <ResellerBalance area={area} resellerId={partyId} name={parties.get(partyId) ?? 'Reseller'} />
      ) : null}
      {result?.data ? (
        <>
          <section className={styles.tableWrap} aria-label="Ledger entries">
            <LedgerTable
              entries={result.data.data}
              partyOf={(entry) => parties.get(entry.accountId ?? entry.resellerId ?? '') ?? '—'}
              emptyTitle={filtered ? 'No movement matches' : undefined}
            />
          </section>
          <Pager
            path={base}
            params={search}
            nextCursor={result.data.nextCursor}
            shown={result.data.data.length}
          />
        </>
      ) : null}
    </>
  );
}

/** A reseller's own balance with its provider: what it may still spend, and its latest movements. */
async function ParentBalance() {
  const client = await api();
  const [balance, ledger] = await Promise.all([
    mustRead(client.GET('/parent-balance')),
    mustRead(client.GET('/parent-balance/ledger', { params: { query: { limit: 10 } } })),
  ]);
  return (
    <section className={styles.card} aria-labelledby="parent-balance-heading">
      <h2 id="parent-balance-heading">Your balance with your provider</h2>
      <dl className={styles.stats}>
        <div className={styles.stat}>
          <dt>Balance</dt>
          <dd data-testid="parent-balance">
            <Money amount={balance.amount} currency={balance.currency} />
          </dd>
        </div>
        <div className={styles.stat}>
          <dt>Available to spend</dt>
          <dd>
            <Money amount={balance.available} currency={balance.currency} />
          </dd>
        </div>
        {balance.billingType === 'postpaid' ? (
          <div className={styles.stat}>
            <dt>Credit limit</dt>
            <dd>
              <Money amount={balance.creditLimit} currency={balance.currency} />
            </dd>
          </div>
        ) : null}
      </dl>
      <LedgerTable entries={ledger.data} emptyTitle="No movements with your provider yet" />
    </section>
  );
}

/** A reseller below the caller, as the caller sees it: its balance with the caller, and a top-up. */
async function ResellerBalance({
  area,
  resellerId,
  name,
}: {
  area: string;
  resellerId: string;
  name: string;
}) {
  const client = await api();
  const balance = await mustRead(
    client.GET('/resellers/{id}/balance', { params: { path: { id: resellerId } } }),
  );
  return (
    <section className={styles.card} aria-labelledby="reseller-balance-heading">
      <h2 id="reseller-balance-heading">{name}: balance with you</h2>
      <dl className={styles.stats}>
        <div className={styles.stat}>
          <dt>Balance</dt>
          <dd data-testid="reseller-balance">
            <Money amount={balance.amount} currency={balance.currency} />
          </dd>
        </div>
        <div className={styles.stat}>
          <dt>Available to spend</dt>
          <dd>
            <Money amount={balance.available} currency={balance.currency} />
          </dd>
        </div>
      </dl>
      <TopUpForm
        action={topUpReseller.bind(null, area, resellerId)}
        currency={balance.currency}
        idempotencyKey={randomUUID()}
        idPrefix="reseller-top-up"
        label="Credit a reseller top-up"
      />
    </section>
  );
}
