import { randomUUID } from 'node:crypto';
import { Account, BillingType, type Tenant, type UserRole } from '@tollgate/db';
import type { ApiTestKit } from '../testing/api-test-kit';

/** Accounts are the accounts module's; ledger specs create theirs straight in the database. */
export function createAccount(
  kit: ApiTestKit,
  tenant: Pick<Tenant, 'id'>,
  values: { billingType?: BillingType; creditLimit?: string; currency?: string } = {},
): Promise<Account> {
  const accounts = kit.dataSource.getRepository(Account);
  return accounts.save(
    accounts.create({
      tenantId: tenant.id,
      code: `ACC-${randomUUID().slice(0, 8)}`,
      name: 'Ledger Test Account',
      billingType: values.billingType ?? BillingType.Prepaid,
      creditLimit: (values.creditLimit ?? '0') as never,
      currency: values.currency ?? 'EUR',
    }),
  );
}

/** A user of `role` on `tenant` (an end user when `accountId` is given), logged in. */
export async function loginAs(
  kit: ApiTestKit,
  tenant: Pick<Tenant, 'id'>,
  role: UserRole,
  accountId: string | null = null,
): Promise<string> {
  const user = await kit.createUser(
    tenant,
    role,
    `ledger-${role}-${randomUUID().slice(0, 8)}@example.test`,
    accountId,
  );
  return kit.login(user.email);
}

/** Per party, the sum of its ledger and its balance as PostgreSQL prints them (a missing side is null). */
export function ledgerSumsAndBalances(
  kit: ApiTestKit,
): Promise<Array<{ party: string; ledger: string | null; balance: string | null }>> {
  return kit.dataSource.query(`
    WITH sums AS (
      SELECT coalesce(account_id, reseller_tenant_id) AS party, sum(amount) AS total
        FROM ledger_entries GROUP BY 1
    ), balance_rows AS (
      SELECT coalesce(account_id, reseller_tenant_id) AS party, amount FROM balances
    )
    SELECT coalesce(b.party, s.party)::text AS party,
           coalesce(s.total, 0)::numeric(20, 6)::text AS ledger,
           b.amount::text AS balance
      FROM balance_rows b
      FULL JOIN sums s ON s.party = b.party
     ORDER BY 1`);
}
