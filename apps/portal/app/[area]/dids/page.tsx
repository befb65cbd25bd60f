import type { Metadata } from 'next';
import Link from 'next/link';
import { accountChoiceOf, accountsById } from '../../../lib/account-choices';
import { toSearchParams } from '../../../lib/pagination';
import { api, readSearch, requireArea } from '../../../lib/session';
import { AccountPicker } from '../../ui/account-picker';
import { Field, FormBanner, SelectField } from '../../ui/form-controls';
import { Money } from '../../ui/money';
import { PageHeader } from '../../ui/page-header';
import { Pager } from '../../ui/pager';
import { EmptyState } from '../../ui/states';
import { StatusBadge } from '../../ui/status-badge';
import styles from '../../ui/ui.module.css';
import { DID_STATUSES } from './did-options';
import { SearchButtons } from '../../ui/search-controls';

export const metadata: Metadata = { title: 'Numbers' };

export default async function DidsPage({
  params,
  searchParams,
}: {
  params: Promise<{ area: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { area } = await requireArea((await params).area);
  const search = toSearchParams(await searchParams);
  const numberPrefix = search.get('number')?.replace(/[\s()-]/g, '') ?? '';
  const status = DID_STATUSES.find((s) => s === search.get('status'));
  const accountId = search.get('accountId') ?? '';
  const client = await api();
  const [chosenAccount, result] = await Promise.all([
    accountChoiceOf(client, accountId),
    readSearch(
      client.GET('/dids', {
        params: {
          query: {
            limit: 50,
            cursor: search.get('cursor') ?? undefined,
            sort: 'number',
            order: 'asc',
            ...(numberPrefix ? { numberPrefix } : {}),
            ...(status ? { status } : {}),
            ...(accountId ? { accountId } : {}),
          },
        },
      }),
    ),
  ]);
  const errors = result.errors?.fields ?? {};
  const base = `/${area}/dids`;
  const filtered = Boolean(numberPrefix || status || accountId);
  const accounts = await accountsById(client, result.data?.data.map((did) => did.accountId) ?? []);
  return (
    <>
      <PageHeader
        title="Numbers"
        description="Your DID inventory: reserve, assign and release numbers, and follow porting."
        actions={
          <Link href={`/${area}/porting`} className={styles.buttonSecondary}>
            Porting requests
          </Link>
        }
      />
      <form className={styles.toolbar} role="search" action={base} aria-label="Search numbers">
        <div style={{ flex: '1 1 14rem' }}>
          <Field
            name="number"
            label="Number starts with"
            inputMode="tel"
            defaultValue={search.get('number') ?? ''}
            error={errors.numberPrefix}
            placeholder="e.g. +4930"
          />
        </div>
        <SelectField
          name="status"
          label="Status"
          defaultValue={status ?? ''}
          options={[
            { value: '', label: 'Any' },
            ...DID_STATUSES.map((s) => ({ value: s, label: s.replace('_', ' ') })),
          ]}
        />
        <div style={{ flex: '1 1 16rem' }}>
          <AccountPicker
            name="accountId"
            label="Account"
            defaultChoice={chosenAccount}
            error={errors.accountId}
            optional
          />
        </div>
        <SearchButtons clearHref={filtered ? base : undefined} />
      </form>
      {result.errors ? (
        <FormBanner errors={result.errors} />
      ) : result.data.data.length === 0 ? (
        <div className={styles.card}>
          <EmptyState title={filtered ? 'No number matches' : 'No numbers yet'}>
            <p>
              {filtered
                ? 'Try another prefix or status.'
                : 'Numbers are added to the inventory through the API (one, a range or a list) or by porting them in.'}
            </p>
          </EmptyState>
        </div>
      ) : (
        <>
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <caption className="visually-hidden">Numbers</caption>
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Country</th>
                  <th scope="col">Status</th>
                  <th scope="col">Account</th>
                  <th scope="col" className="num">
                    Monthly
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.data.data.map((did) => (
                  <tr key={did.id}>
                    <td className="mono">
                      <Link href={`${base}/${did.id}`}>+{did.number}</Link>
                    </td>
                    <td>{did.country}</td>
                    <td>
                      <StatusBadge status={did.status} />
                    </td>
                    <td>{did.accountId ? (accounts.get(did.accountId)?.code ?? 'an account') : '—'}</td>
                    <td className="num">
                      <Money amount={did.sellMonthlyFee} currency={did.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            path={base}
            params={search}
            nextCursor={result.data.nextCursor}
            shown={result.data.data.length}
          />
        </>
      )}
    </>
  );
}
