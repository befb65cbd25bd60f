import type { CdrJob } from '@tollgate/cdr';
import type { CreditPools } from '@tollgate/credit-pools';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { loadBatchParties, type AccountParty } from './cdr-parties';
import { pgArray } from './pg-array';
import { priceCdr, type CallPosting, type PricedCdr } from './price-cdr';
import type { RateCardCache } from './rate-card-cache';

/** What became of one job of a batch. */
export type CdrOutcome =
  | { status: 'stored'; cdrId: string; rated: boolean }
  /** Its Call-ID + leg was stored before (a replay): nothing written. */
  | { status: 'duplicate' }
  /** It can never be stored as it is (e.g. its account does not exist): a dead letter at once. */
  | { status: 'rejected'; reason: string };

const CDR_COLUMNS: ReadonlyArray<[column: string, type: string, value: (cdr: PricedCdr) => unknown]> = [
  ['start_month', 'date', (cdr) => cdr.month],
  ['call_id', 'text', (cdr) => cdr.job.callId],
  ['leg', 'text', (cdr) => cdr.job.leg],
  ['source', 'text', (cdr) => cdr.job.source],
  ['tenant_id', 'uuid', (cdr) => cdr.tenantId],
  ['account_id', 'uuid', (cdr) => cdr.job.accountId],
  ['line_id', 'uuid', (cdr) => cdr.job.lineId],
  ['trunk_service_id', 'uuid', (cdr) => cdr.job.trunkServiceId],
  ['did_id', 'uuid', (cdr) => cdr.job.didId],
  ['direction', 'text', (cdr) => cdr.job.direction],
  ['caller', 'text', (cdr) => cdr.job.caller],
  ['destination', 'text', (cdr) => cdr.job.destination],
  ['dialled', 'text', (cdr) => cdr.job.dialled],
  ['started_at', 'timestamptz', (cdr) => cdr.job.startedAt],
  ['answered_at', 'timestamptz', (cdr) => cdr.job.answeredAt],
  ['ended_at', 'timestamptz', (cdr) => cdr.job.endedAt],
  ['duration_seconds', 'integer', (cdr) => cdr.job.durationSeconds],
  ['billed_seconds', 'integer', (cdr) => cdr.rated.levels[0]?.billedSeconds ?? null],
  ['disposition', 'text', (cdr) => cdr.job.disposition],
  ['sip_code', 'integer', (cdr) => cdr.job.sipCode],
  ['end_cause', 'text', (cdr) => cdr.job.endCause],
  ['vendor_id', 'uuid', (cdr) => cdr.vendorId],
  ['vendor_trunk_id', 'uuid', (cdr) => cdr.job.vendorTrunkId],
  ['currency', 'bpchar', (cdr) => cdr.currency],
  ['price', 'numeric', (cdr) => cdr.rated.levels[0]?.price ?? null],
  ['live_charged', 'numeric', (cdr) => cdr.job.liveCharged],
  ['vendor_cost', 'numeric', (cdr) => vendorLevel(cdr)?.price ?? null],
  ['vendor_currency', 'bpchar', (cdr) => vendorLevel(cdr)?.currency ?? null],
  ['rating_status', 'cdr_rating_status', (cdr) => (cdr.rated.rated ? 'rated' : 'unrated')],
  ['unrated_reason', 'text', (cdr) => cdr.rated.unratedReason],
  ['levels', 'jsonb', (cdr) => JSON.stringify(cdr.rated.levels)],
];

const INSERT_CDRS = `
  INSERT INTO cdrs (${CDR_COLUMNS.map(([column]) => column).join(', ')})
  SELECT * FROM unnest(${CDR_COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')})
  ON CONFLICT (call_id, leg, start_month) DO NOTHING
  RETURNING id, call_id AS "callId", leg`;

/** An account's posted call charge and its balance after the batch: what its credit pool settles with. */
interface PoolSettlement {
  account: AccountParty;
  callId: string;
  entryId: string;
  amount: string;
  balanceAfter: string;
  version: bigint;
}

/**
 * Rates a batch of CDRs and writes it in ONE transaction: the CDR rows (one multi-row insert that skips
 * any Call-ID + leg already stored), the ledger entries of the rows it inserted (one per charged level,
 * each keyed so it is posted once), and the balances they move. After the commit the customers' credit
 * pools swap the live amount they took for the posted charge.
 */
export class StoreCdrBatch {
  private readonly partitions = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly cards: RateCardCache,
    private readonly pools: CreditPools,
    private readonly logger: Logger,
  ) {}

  async store(jobs: readonly CdrJob[]): Promise<CdrOutcome[]> {
    const parties = await loadBatchParties(this.dataSource.manager, jobs);
    const cardIds = new Set<string>();
    for (const account of parties.accounts.values())
      if (account.sellRateCardId) cardIds.add(account.sellRateCardId);
    for (const tenant of parties.tenants.values())
      if (tenant.buyRateCardId) cardIds.add(tenant.buyRateCardId);
    for (const vendor of parties.vendors.values())
      if (vendor.buyRateCardId) cardIds.add(vendor.buyRateCardId);
    const cards = new Map(
      await Promise.all([...cardIds].map(async (id) => [id, await this.cards.get(id)] as const)),
    );
    const priced = jobs.map((job) =>
      priceCdr(job, parties, (id) => cards.get(id) ?? { problem: `rate card ${id} is missing` }),
    );
    const storable = uniqueByCall(priced.filter((cdr): cdr is PricedCdr => typeof cdr !== 'string'));
    await this.ensurePartitions(storable.map((cdr) => cdr.month));
    const { inserted, settlements } = await this.dataSource.transaction((manager) =>
      this.write(manager, storable, parties.accounts),
    );
    await this.settlePools(settlements);
    return priced.map((cdr): CdrOutcome => {
      if (typeof cdr === 'string') return { status: 'rejected', reason: cdr };
      const row = inserted.get(callKey(cdr.job));
      return row?.cdr === cdr
        ? { status: 'stored', cdrId: row.id, rated: cdr.rated.rated }
        : { status: 'duplicate' };
    });
  }

  private async write(
    manager: EntityManager,
    cdrs: readonly PricedCdr[],
    accounts: ReadonlyMap<string, AccountParty>,
  ): Promise<{ inserted: Map<string, { id: string; cdr: PricedCdr }>; settlements: PoolSettlement[] }> {
    const inserted = new Map<string, { id: string; cdr: PricedCdr }>();
    if (cdrs.length === 0) return { inserted, settlements: [] };
    const rows = (await manager.query(
      INSERT_CDRS,
      CDR_COLUMNS.map(([, , value]) => pgArray(cdrs.map(value))),
    )) as Array<{ id: string; callId: string; leg: string }>;
    const byCall = new Map(cdrs.map((cdr) => [callKey(cdr.job), cdr]));
    for (const row of rows)
      inserted.set(`${row.leg}\n${row.callId}`, {
        id: row.id,
        cdr: byCall.get(`${row.leg}\n${row.callId}`)!,
      });
    const postings = [...inserted.values()].flatMap(({ cdr }) =>
      cdr.postings.map((posting) => ({ posting, cdr })),
    );
    if (postings.length === 0) return { inserted, settlements: [] };
    const entries = (await manager.query(
      `INSERT INTO ledger_entries (tenant_id, account_id, reseller_tenant_id, kind, amount, currency, idempotency_key, description, reference)
       SELECT tenant_id, account_id, reseller_tenant_id, 'call_charge', amount, currency, idempotency_key, description, reference
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::numeric[], $5::bpchar[], $6::text[], $7::text[], $8::text[])
              AS posting(tenant_id, account_id, reseller_tenant_id, amount, currency, idempotency_key, description, reference)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, idempotency_key AS "idempotencyKey"`,
      [
        postings.map(({ posting }) => posting.tenantId),
        postings.map(({ posting }) => (posting.party.kind === 'account' ? posting.party.id : null)),
        postings.map(({ posting }) => (posting.party.kind === 'reseller' ? posting.party.id : null)),
        postings.map(({ posting }) => posting.amount),
        postings.map(({ posting }) => posting.currency),
        postings.map(({ posting }) => posting.idempotencyKey),
        postings.map(({ posting }) => posting.description),
        postings.map(({ cdr }) => cdr.job.callId),
      ].map(pgArray),
    )) as Array<{ id: string; idempotencyKey: string }>;
    const entryIds = new Map(entries.map((entry) => [entry.idempotencyKey, entry.id]));
    const posted = postings.filter(({ posting }) => entryIds.has(posting.idempotencyKey));
    // The balances are locked last, just before they move: a concurrent batch over the same parties
    // (every batch of a reseller's accounts moves the reseller's balance) waits for the shortest time.
    const balances = await lockBalances(
      manager,
      posted.map(({ posting }) => posting),
    );
    const after = await addToBalances(
      manager,
      balances,
      posted.map(({ posting }) => posting),
    );
    const settlements = posted.flatMap(({ posting, cdr }): PoolSettlement[] => {
      const account = accounts.get(posting.party.id);
      const balance = after.get(partyKey(posting.party));
      if (posting.party.kind !== 'account' || !account || !balance) return [];
      return [
        {
          account,
          callId: cdr.job.callId,
          entryId: entryIds.get(posting.idempotencyKey)!,
          amount: posting.amount,
          balanceAfter: balance.amount,
          version: balance.version,
        },
      ];
    });
    return { inserted, settlements };
  }

  /** Month partitions are created outside the batch's transaction (DDL), once per month per process. */
  private async ensurePartitions(months: readonly string[]): Promise<void> {
    for (const month of new Set(months)) {
      if (this.partitions.has(month)) continue;
      await this.dataSource.query('SELECT tollgate_ensure_cdr_partition($1::date)', [month]);
      this.partitions.add(month);
    }
  }

  /**
   * The ledger is committed whatever happens here. A pool that misses a settlement keeps the live
   * amount (it never counts the call twice) until it is next loaded from the ledger balance.
   */
  private async settlePools(settlements: readonly PoolSettlement[]): Promise<void> {
    if (settlements.length === 0) return;
    // One pipelined round trip, run in order (one account's settlements in order); each is idempotent
    // by entry id.
    let results: Array<unknown>;
    try {
      results = await this.pools.applyCallCharges(
        settlements.map((settlement) => ({
          accountId: settlement.account.id,
          callId: settlement.callId,
          entry: {
            entryId: settlement.entryId,
            amount: settlement.amount,
            balanceAfter: settlement.balanceAfter,
            balanceVersion: settlement.version,
            currency: settlement.account.currency,
            billingType: settlement.account.billingType,
            creditLimit: settlement.account.creditLimit,
          },
        })),
      );
    } catch (error) {
      results = settlements.map(() => error);
    }
    results.forEach((result, index) => {
      if (!(result instanceof Error)) return;
      const settlement = settlements[index]!;
      this.logger.error(
        { err: result, accountId: settlement.account.id, callId: settlement.callId },
        'call charge committed but not brought into the credit pool',
      );
    });
  }
}

function vendorLevel(cdr: PricedCdr) {
  return cdr.rated.levels.find((level) => level.kind === 'vendor');
}

function callKey(job: CdrJob): string {
  return `${job.leg}\n${job.callId}`;
}

function partyKey(party: CallPosting['party']): string {
  return `${party.kind}:${party.id}`;
}

/** The first of several CDRs of one Call-ID + leg in a batch; the others are replays. */
function uniqueByCall(cdrs: readonly PricedCdr[]): PricedCdr[] {
  const seen = new Map<string, PricedCdr>();
  for (const cdr of cdrs) if (!seen.has(callKey(cdr.job))) seen.set(callKey(cdr.job), cdr);
  return [...seen.values()];
}

/** Creates missing balance rows, then locks every balance the batch moves, in id order (no deadlock). */
export async function lockBalances(
  manager: EntityManager,
  postings: readonly CallPosting[],
): Promise<Map<string, string>> {
  const parties = new Map(postings.map((posting) => [partyKey(posting.party), posting]));
  const list = [...parties.values()];
  await manager.query(
    `INSERT INTO balances (tenant_id, account_id, reseller_tenant_id, currency)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bpchar[])
     ON CONFLICT DO NOTHING`,
    [
      list.map((posting) => posting.tenantId),
      list.map((posting) => (posting.party.kind === 'account' ? posting.party.id : null)),
      list.map((posting) => (posting.party.kind === 'reseller' ? posting.party.id : null)),
      list.map((posting) => posting.currency),
    ],
  );
  const accountIds = list.filter((p) => p.party.kind === 'account').map((p) => p.party.id);
  const resellerIds = list.filter((p) => p.party.kind === 'reseller').map((p) => p.party.id);
  const rows = (await manager.query(
    `SELECT id, account_id AS "accountId", reseller_tenant_id AS "resellerId" FROM balances
      WHERE account_id = ANY($1::uuid[]) OR reseller_tenant_id = ANY($2::uuid[])
      ORDER BY id FOR UPDATE`,
    [accountIds, resellerIds],
  )) as Array<{ id: string; accountId: string | null; resellerId: string | null }>;
  return new Map(
    rows.map((row) => [row.accountId ? `account:${row.accountId}` : `reseller:${row.resellerId}`, row.id]),
  );
}

/**
 * Adds each party's postings to its balance in one statement. `clock_timestamp()` under the row lock
 * orders a balance's updates, so it serves as the balance version credit pools compare (as the API's).
 */
export async function addToBalances(
  manager: EntityManager,
  balances: ReadonlyMap<string, string>,
  postings: readonly CallPosting[],
): Promise<Map<string, { amount: string; version: bigint }>> {
  const sums = new Map<string, string[]>();
  for (const posting of postings) {
    const id = balances.get(partyKey(posting.party));
    if (id === undefined) throw new Error(`no balance row for ${partyKey(posting.party)}`);
    sums.set(id, [...(sums.get(id) ?? []), posting.amount]);
  }
  if (sums.size === 0) return new Map();
  const rows = (await manager.query(
    `UPDATE balances balance
        SET amount = balance.amount + delta.amount, updated_at = clock_timestamp()
       FROM (SELECT id, sum(amount) AS amount FROM unnest($1::uuid[], $2::numeric[]) AS posting(id, amount) GROUP BY id) delta
      WHERE balance.id = delta.id
  RETURNING balance.account_id AS "accountId", balance.reseller_tenant_id AS "resellerId", balance.amount::text AS amount,
            (extract(epoch from balance.updated_at) * 1000000)::bigint::text AS version`,
    [[...sums.entries()].flatMap(([id, amounts]) => amounts.map(() => id)), [...sums.values()].flat()],
  )) as [
    Array<{ accountId: string | null; resellerId: string | null; amount: string; version: string }>,
    number,
  ];
  return new Map(
    rows[0].map((row) => [
      row.accountId ? `account:${row.accountId}` : `reseller:${row.resellerId}`,
      { amount: row.amount, version: BigInt(row.version) },
    ]),
  );
}
