import Decimal from 'decimal.js';
import { Balance, LedgerEntry, LedgerEntryKind } from '../entities';
import type { DemoContext } from './context';
import { DEMO_OPERATOR } from './credentials';
import { DEMO_ACCOUNTS } from './accounts';
import { daysBefore } from './dates';
import { DEMO_TENANT_SETTINGS } from './tenants';

/** Whose ledger: a subscriber account (by code), or the reseller's balance with the owner. */
type DemoParty = { account: string } | { reseller: true };

interface DemoLedgerEntry {
  party: DemoParty;
  kind: LedgerEntryKind;
  /** Signed, from the party's side: credits positive, charges negative. */
  amount: string;
  /** Unique over the ledger; `demo:` keeps the seed's keys apart from the API's and the CDR worker's. */
  idempotencyKey: string;
  description: string;
  reference?: string;
  /** Login that posted it; omitted = the platform (CDR worker, recurring charges). */
  postedBy?: string;
  daysAgo: number;
}

const KIEZ = { account: 'DT-1001' };
const NORDWIND = { account: 'DT-1002' };
const LUMIERE = { account: 'DR-2001' };
const RESELLER = { reseller: true } as const;

/**
 * A month of money movements. Call charges are what the cards give: e.g. 192 s to 4917 on Wholesale EUR
 * (30/6, 0.0800/min) = 0.2560; the reseller pays the owner its wholesale price for its customer's calls.
 * Every balance is set to exactly the sum of its party's entries.
 */
export const DEMO_LEDGER: DemoLedgerEntry[] = [
  {
    party: KIEZ,
    kind: LedgerEntryKind.TopUp,
    amount: '50.00',
    idempotencyKey: 'demo:DT-1001:top-up:1',
    description: 'Top-up by bank transfer',
    reference: 'SEPA-DEMO-0001',
    postedBy: DEMO_OPERATOR.ownerEmail,
    daysAgo: 28,
  },
  {
    party: KIEZ,
    kind: LedgerEntryKind.RecurringFee,
    amount: '-4.90',
    idempotencyKey: 'demo:DT-1001:recurring-fee:1',
    description: 'Residential Classic 2023, monthly fee',
    daysAgo: 27,
  },
  {
    party: KIEZ,
    kind: LedgerEntryKind.CallCharge,
    amount: '-0.2560',
    idempotencyKey: 'demo:DT-1001:call:1',
    description: 'Germany - Mobile (4917), 3 min 12 s',
    daysAgo: 12,
  },
  {
    party: KIEZ,
    kind: LedgerEntryKind.CallCharge,
    amount: '-0.0500',
    idempotencyKey: 'demo:DT-1001:call:2',
    description: 'United Kingdom (44), 4 min 58 s',
    daysAgo: 6,
  },
  {
    party: KIEZ,
    kind: LedgerEntryKind.Adjustment,
    amount: '2.00',
    idempotencyKey: 'demo:DT-1001:adjustment:1',
    description: 'Goodwill credit after a service incident',
    postedBy: DEMO_OPERATOR.nocEmail,
    daysAgo: 5,
  },
  {
    party: NORDWIND,
    kind: LedgerEntryKind.RecurringFee,
    amount: '-9.90',
    idempotencyKey: 'demo:DT-1002:recurring-fee:1',
    description: 'Business Flex, monthly fee',
    daysAgo: 27,
  },
  {
    party: NORDWIND,
    kind: LedgerEntryKind.CallCharge,
    amount: '-1.2800',
    idempotencyKey: 'demo:DT-1002:call:1',
    description: 'Germany - Mobile (4917), 16 min 0 s',
    daysAgo: 15,
  },
  {
    party: NORDWIND,
    kind: LedgerEntryKind.CallCharge,
    amount: '-0.3509',
    idempotencyKey: 'demo:DT-1002:call:2',
    description: 'India (91), 12 min 3 s',
    daysAgo: 9,
  },
  {
    party: NORDWIND,
    kind: LedgerEntryKind.InvoicePayment,
    amount: '9.90',
    idempotencyKey: 'demo:DT-1002:invoice-payment:1',
    description: 'Payment of the previous invoice',
    reference: 'INV-DEMO-0042',
    postedBy: DEMO_OPERATOR.ownerEmail,
    daysAgo: 3,
  },
  {
    party: LUMIERE,
    kind: LedgerEntryKind.TopUp,
    amount: '20.00',
    idempotencyKey: 'demo:DR-2001:top-up:1',
    description: 'Top-up by card',
    reference: 'CARD-DEMO-0007',
    postedBy: DEMO_OPERATOR.resellerEmail,
    daysAgo: 20,
  },
  {
    party: LUMIERE,
    kind: LedgerEntryKind.RecurringFee,
    amount: '-5.00',
    idempotencyKey: 'demo:DR-2001:recurring-fee:1',
    description: 'Home Standard, monthly fee',
    daysAgo: 19,
  },
  {
    party: LUMIERE,
    kind: LedgerEntryKind.CallCharge,
    amount: '-0.0850',
    idempotencyKey: 'demo:DR-2001:call:1',
    description: 'France - Paris (331), 5 min 0 s',
    daysAgo: 10,
  },
  {
    party: LUMIERE,
    kind: LedgerEntryKind.CallCharge,
    amount: '-0.1380',
    idempotencyKey: 'demo:DR-2001:call:2',
    description: 'France - Mobile (336), 1 min 1 s',
    daysAgo: 4,
  },
  {
    party: RESELLER,
    kind: LedgerEntryKind.TopUp,
    amount: '200.00',
    idempotencyKey: 'demo:reseller:top-up:1',
    description: 'Prepayment by bank transfer',
    reference: 'SEPA-DEMO-0002',
    postedBy: DEMO_OPERATOR.ownerEmail,
    daysAgo: 25,
  },
  {
    party: RESELLER,
    kind: LedgerEntryKind.CallCharge,
    amount: '-0.0500',
    idempotencyKey: 'demo:reseller:call:1',
    description: 'DR-2001: France - Paris (331), 5 min 0 s at wholesale',
    daysAgo: 10,
  },
  {
    party: RESELLER,
    kind: LedgerEntryKind.CallCharge,
    amount: '-0.0440',
    idempotencyKey: 'demo:reseller:call:2',
    description: 'DR-2001: France - Mobile (336), 1 min 1 s at wholesale',
    daysAgo: 4,
  },
];

/** Posts the entries, then one balance per party (every account and the reseller) at their sum. */
export async function insertLedger(context: DemoContext): Promise<void> {
  const totals = new Map<string, { party: DemoParty; amount: Decimal }>();
  for (const party of [...DEMO_ACCOUNTS.map(({ code }) => ({ account: code })), RESELLER])
    totals.set(partyKey(party), { party, amount: new Decimal(0) });

  await context.manager.getRepository(LedgerEntry).insert(
    DEMO_LEDGER.map((entry) => {
      const total = totals.get(partyKey(entry.party));
      if (!total) throw new Error(`demo seed: unknown ledger party ${partyKey(entry.party)}`);
      total.amount = total.amount.plus(entry.amount);
      return {
        ...partyColumns(context, entry.party),
        kind: entry.kind,
        amount: new Decimal(entry.amount),
        idempotencyKey: entry.idempotencyKey,
        description: entry.description,
        reference: entry.reference ?? null,
        createdByUserId: entry.postedBy ? context.ids.get('user', entry.postedBy) : null,
        createdAt: daysBefore(context.now, entry.daysAgo),
      };
    }),
  );
  await context.manager
    .getRepository(Balance)
    .insert([...totals.values()].map(({ party, amount }) => ({ ...partyColumns(context, party), amount })));
}

/** The party columns shared by ledger entries and balances, with the tenant that sees the rows. */
function partyColumns(context: DemoContext, party: DemoParty) {
  if ('reseller' in party)
    return {
      // A reseller's balance with its parent is seen by the parent.
      tenantId: context.tenants.owner.id,
      accountId: null,
      resellerTenantId: context.tenants.reseller.id,
      currency: DEMO_TENANT_SETTINGS.reseller.defaultCurrency,
    };
  const account = DEMO_ACCOUNTS.find(({ code }) => code === party.account);
  if (!account) throw new Error(`demo seed: no account ${party.account}`);
  return {
    tenantId: context.tenants[account.tenant].id,
    accountId: context.ids.get('account', account.code),
    resellerTenantId: null,
    currency: account.currency,
  };
}

function partyKey(party: DemoParty): string {
  return 'reseller' in party ? 'reseller' : `account:${party.account}`;
}
