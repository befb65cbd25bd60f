import {
  cdrLedgerKey,
  cdrRerateLedgerKey,
  chargeChanges,
  rerateLevels,
  type CdrJob,
  type ChargeChange,
  type RatedLevel,
  type RerateRule,
} from '@tollgate/cdr';
import type { CdrReratingCursor, CdrReratingError } from '@tollgate/db';
import Decimal from 'decimal.js';
import type { EntityManager } from 'typeorm';
import { loadBatchParties, type AccountParty, type BatchParties } from './cdr-parties';
import { priceCdr, type CallPosting } from './price-cdr';
import type { RateCardCache } from './rate-card-cache';
import { addToBalances, lockBalances } from './store-cdr-batch';

/** Which CDRs a rerating covers and which prices it may set. */
export interface RerateScope {
  /** Null for the automatic sweep of unrated CDRs. */
  reratingId: string | null;
  rule: RerateRule;
  /** Set-up time range, [from, to); null for the sweep (every unrated CDR). */
  from: Date | null;
  to: Date | null;
  /** The CDRs of these tenants (the requester's subtree); null: every tenant (the sweep). */
  tenantIds: string[] | null;
  accountId: string | null;
  /** A rate card's users: accounts whose plan sells at it, tenants below a reseller buying at it, vendors. */
  card: { accountIds: string[]; tenantIds: string[]; vendorIds: string[] } | null;
}

interface CdrRow {
  id: string;
  startMonth: string;
  startedAtText: string;
  callId: string;
  leg: string;
  tenantId: string;
  accountId: string;
  direction: 'outbound' | 'inbound';
  destination: string;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date;
  durationSeconds: number;
  vendorId: string | null;
  vendorTrunkId: string | null;
  liveCharged: string | null;
  levels: RatedLevel[];
  revision: number;
  ratingStatus: 'rated' | 'unrated';
}

/** A committed customer posting the account's credit pool takes in after the commit. */
export interface PoolEffect {
  account: AccountParty;
  callId: string;
  entryId: string;
  amount: string;
  /** A first charge settles the live amount (`applyCallCharge`); an adjustment is a plain entry. */
  firstCharge: boolean;
  balanceAfter: string;
  version: bigint;
}

export interface RerateBatchResult {
  processed: number;
  changed: number;
  nowRated: number;
  entriesPosted: number;
  errors: CdrReratingError[];
  /** The last CDR of the batch; null when there was none (the rerating is done). */
  cursor: CdrReratingCursor | null;
  poolEffects: PoolEffect[];
}

interface Posting extends CallPosting {
  kind: 'call_charge' | 'adjustment';
  callId: string;
}

/** SQL conditions (on alias `c`) selecting a scope's CDRs; parameters appended to `parameters`. */
export function scopeConditions(scope: RerateScope, parameters: unknown[]): string[] {
  const parameter = (value: unknown) => `$${parameters.push(value)}`;
  const conditions: string[] = [];
  if (scope.from && scope.to) {
    conditions.push(`c.started_at >= ${parameter(scope.from)} AND c.started_at < ${parameter(scope.to)}`);
    // Lets PostgreSQL skip the months outside the period (partition pruning on start_month).
    conditions.push(
      `c.start_month >= date_trunc('month', ${parameter(scope.from)}::timestamptz AT TIME ZONE 'UTC')::date` +
        ` AND c.start_month <= date_trunc('month', ${parameter(scope.to)}::timestamptz AT TIME ZONE 'UTC')::date`,
    );
  }
  if (scope.tenantIds) conditions.push(`c.tenant_id = ANY(${parameter(scope.tenantIds)}::uuid[])`);
  if (scope.accountId) conditions.push(`c.account_id = ${parameter(scope.accountId)}`);
  if (scope.card)
    conditions.push(
      `(c.account_id = ANY(${parameter(scope.card.accountIds)}::uuid[])` +
        ` OR c.tenant_id = ANY(${parameter(scope.card.tenantIds)}::uuid[])` +
        ` OR c.vendor_id = ANY(${parameter(scope.card.vendorIds)}::uuid[]))`,
    );
  if (scope.rule.mode === 'unrated') conditions.push(`c.rating_status = 'unrated'`);
  // An inbound call is charged its DID's inbound price, matched at authorize; no rate card reprices it.
  else conditions.push(`c.direction = 'outbound'`);
  return conditions;
}

const CDR_COLUMNS = `
  c.id, c.start_month::text AS "startMonth", c.started_at::text AS "startedAtText", c.call_id AS "callId", c.leg,
  c.tenant_id AS "tenantId", c.account_id AS "accountId", c.direction, c.destination, c.started_at AS "startedAt",
  c.answered_at AS "answeredAt", c.ended_at AS "endedAt", c.duration_seconds AS "durationSeconds",
  c.vendor_id AS "vendorId", c.vendor_trunk_id AS "vendorTrunkId", c.live_charged::text AS "liveCharged",
  c.levels, c.rating_revision AS "revision", c.rating_status::text AS "ratingStatus"`;

/**
 * Reprices one batch of a rerating's CDRs in ONE transaction (`manager`): the CDRs are locked, priced
 * again at every level with the cards as they are now (rates in force at each call's start), and for
 * each charged level whose price changed the ledger receives the difference between the new price and
 * what the level's entries add up to (read from the ledger, so the sum is exact whatever happened
 * before), under a key that names the CDR's next revision. The CDR rows are updated in one statement.
 * Run again, a batch finds every level's entries already adding up to its price: it posts nothing.
 */
export async function rerateCdrBatch(
  manager: EntityManager,
  cards: RateCardCache,
  scope: RerateScope,
  cursor: CdrReratingCursor | null,
  batchSize: number,
): Promise<RerateBatchResult> {
  const rows = await lockNextCdrs(manager, scope, cursor, batchSize);
  const result: RerateBatchResult = {
    processed: rows.length,
    changed: 0,
    nowRated: 0,
    entriesPosted: 0,
    errors: [],
    cursor: rows.length === 0 ? null : { startedAt: rows.at(-1)!.startedAtText, id: rows.at(-1)!.id },
    poolEffects: [],
  };
  if (rows.length === 0) return result;
  const jobs = rows.map(jobOfRow);
  const parties = await loadBatchParties(manager, jobs);
  const compiled = await cardsOf(parties, cards);
  const updates: Array<{ row: CdrRow; levels: RatedLevel[]; reason: string | null; revision: number }> = [];
  const changes: Array<{ row: CdrRow; change: ChargeChange }> = [];
  for (const [index, row] of rows.entries()) {
    const priced = priceCdr(
      jobs[index]!,
      parties,
      (id) => compiled.get(id) ?? { problem: `rate card ${id} is missing` },
    );
    if (typeof priced === 'string') {
      result.errors.push({ cdrId: row.id, callId: row.callId, reason: priced });
      continue;
    }
    const rerated = rerateLevels(row.levels, priced.rated, scope.rule);
    if (!rerated.rated)
      result.errors.push({ cdrId: row.id, callId: row.callId, reason: rerated.unratedReason ?? 'unrated' });
    if (sameLevels(row.levels, rerated.levels)) continue;
    updates.push({ row, levels: [...rerated.levels], reason: rerated.unratedReason, revision: row.revision });
    if (row.ratingStatus === 'unrated' && rerated.rated) result.nowRated++;
    for (const change of chargeChanges(row.levels, rerated.levels)) changes.push({ row, change });
  }
  const postings = await postingsFor(manager, scope, changes, parties);
  for (const update of updates)
    if (postings.some((posting) => posting.row === update.row && posting.posting.kind === 'adjustment'))
      update.revision = update.row.revision + 1;
  result.changed = updates.length;
  if (postings.length > 0) {
    const posted = await postEntries(
      manager,
      postings.map(({ posting }) => posting),
    );
    result.entriesPosted = posted.entries.size;
    result.poolEffects = poolEffectsOf(postings, posted, parties.accounts);
  }
  await updateCdrs(manager, updates);
  return result;
}

function lockNextCdrs(
  manager: EntityManager,
  scope: RerateScope,
  cursor: CdrReratingCursor | null,
  batchSize: number,
): Promise<CdrRow[]> {
  const parameters: unknown[] = [];
  const conditions = scopeConditions(scope, parameters);
  if (cursor) {
    parameters.push(cursor.startedAt, cursor.id);
    conditions.push(
      `(c.started_at, c.id) > ($${parameters.length - 1}::timestamptz, $${parameters.length}::uuid)`,
    );
  }
  parameters.push(batchSize);
  // Locked in (started_at, id) order: two reratings over the same CDRs wait for each other, never deadlock.
  return manager.query(
    `SELECT ${CDR_COLUMNS} FROM cdrs c
      WHERE ${conditions.length ? conditions.join(' AND ') : 'true'}
      ORDER BY c.started_at, c.id LIMIT $${parameters.length} FOR UPDATE`,
    parameters,
  ) as Promise<CdrRow[]>;
}

/** The CDR as a job for `priceCdr`: without the rate snapshot, so the customer is priced at its card. */
function jobOfRow(row: CdrRow): CdrJob {
  return {
    source: 'rest',
    callId: row.callId,
    leg: row.leg,
    accountId: row.accountId,
    lineId: null,
    trunkServiceId: null,
    didId: null,
    direction: row.direction,
    caller: null,
    destination: row.destination,
    dialled: null,
    startedAt: row.startedAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    endedAt: row.endedAt.toISOString(),
    durationSeconds: row.durationSeconds,
    disposition: 'answered',
    sipCode: null,
    endCause: null,
    vendorId: row.vendorId,
    vendorTrunkId: row.vendorTrunkId,
    rate: null,
    liveCharged: row.liveCharged,
  };
}

async function cardsOf(parties: BatchParties, cards: RateCardCache) {
  const ids = new Set<string>();
  for (const account of parties.accounts.values())
    if (account.sellRateCardId) ids.add(account.sellRateCardId);
  for (const tenant of parties.tenants.values()) if (tenant.buyRateCardId) ids.add(tenant.buyRateCardId);
  for (const vendor of parties.vendors.values()) if (vendor.buyRateCardId) ids.add(vendor.buyRateCardId);
  return new Map(await Promise.all([...ids].map(async (id) => [id, await cards.get(id)] as const)));
}

/**
 * What each changed level still needs: its new price minus what its entries add up to. A level with no
 * entry yet (it was unrated, or priced at zero) gets its first charge under its per-level key, as if the
 * call had been rated so the first time; any other difference is an adjustment at the next revision.
 */
async function postingsFor(
  manager: EntityManager,
  scope: RerateScope,
  changes: ReadonlyArray<{ row: CdrRow; change: ChargeChange }>,
  parties: BatchParties,
): Promise<Array<{ row: CdrRow; posting: Posting }>> {
  if (changes.length === 0) return [];
  const keysOf = ({ row, change }: { row: CdrRow; change: ChargeChange }) => [
    cdrLedgerKey(row.callId, row.leg, change.kind, change.partyId),
    ...Array.from({ length: row.revision }, (_, index) =>
      cdrRerateLedgerKey(row.callId, row.leg, change.kind, change.partyId, index + 1),
    ),
  ];
  const entries = (await manager.query(
    `SELECT idempotency_key AS key, amount::text AS amount FROM ledger_entries WHERE idempotency_key = ANY($1::text[])`,
    [changes.flatMap(keysOf)],
  )) as Array<{ key: string; amount: string }>;
  const posted = new Map(entries.map((entry) => [entry.key, entry.amount]));
  return changes.flatMap((item): Array<{ row: CdrRow; posting: Posting }> => {
    const { row, change } = item;
    const [firstKey, ...adjustmentKeys] = keysOf(item);
    const sum = [firstKey!, ...adjustmentKeys].reduce(
      (total, key) => total.plus(posted.get(key) ?? 0),
      new Decimal(0),
    );
    const difference = new Decimal(change.target).minus(sum);
    if (difference.isZero()) return [];
    const tenantId =
      change.kind === 'customer' ? row.tenantId : parties.tenants.get(change.partyId)?.parentId;
    if (!tenantId) return [];
    const first = !posted.has(firstKey!);
    const why = scope.reratingId ? `rerating ${scope.reratingId}` : 'the unrated CDRs sweep';
    return [
      {
        row,
        posting: {
          kind: first ? 'call_charge' : 'adjustment',
          callId: row.callId,
          party: { kind: change.kind === 'customer' ? 'account' : 'reseller', id: change.partyId },
          tenantId,
          amount: difference.toFixed(),
          currency: change.currency,
          idempotencyKey: first
            ? firstKey!
            : cdrRerateLedgerKey(row.callId, row.leg, change.kind, change.partyId, row.revision + 1),
          description: first
            ? `call to ${row.destination}, ${change.billedSeconds ?? 0} s billed (rated by ${why}, CDR ${row.id})`
            : `${why}, CDR ${row.id}: call to ${row.destination} ${change.previousPrice ?? 'unpriced'} → ${change.price} (${change.kind} level)`,
        },
      },
    ];
  });
}

async function postEntries(manager: EntityManager, postings: readonly Posting[]) {
  const balances = await lockBalances(manager, postings);
  const rows = (await manager.query(
    `INSERT INTO ledger_entries (tenant_id, account_id, reseller_tenant_id, kind, amount, currency, idempotency_key, description, reference)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::ledger_entry_kind[], $5::numeric[], $6::bpchar[], $7::text[], $8::text[], $9::text[])
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING id, idempotency_key AS "idempotencyKey"`,
    [
      postings.map((posting) => posting.tenantId),
      postings.map((posting) => (posting.party.kind === 'account' ? posting.party.id : null)),
      postings.map((posting) => (posting.party.kind === 'reseller' ? posting.party.id : null)),
      postings.map((posting) => posting.kind),
      postings.map((posting) => posting.amount),
      postings.map((posting) => posting.currency),
      postings.map((posting) => posting.idempotencyKey),
      postings.map((posting) => posting.description),
      postings.map((posting) => posting.callId),
    ],
  )) as Array<{ id: string; idempotencyKey: string }>;
  // The CDRs are locked and their keys were read above: a key taken since means the ledger and the CDR
  // disagree. The whole batch rolls back (and is retried) rather than leave a CDR priced unlike its ledger.
  if (rows.length !== postings.length)
    throw new Error(`${postings.length - rows.length} rerating ledger keys were already taken`);
  const entries = new Map(rows.map((row) => [row.idempotencyKey, row.id]));
  return { entries, balances: await addToBalances(manager, balances, postings) };
}

function poolEffectsOf(
  postings: ReadonlyArray<{ row: CdrRow; posting: Posting }>,
  posted: Awaited<ReturnType<typeof postEntries>>,
  accounts: ReadonlyMap<string, AccountParty>,
): PoolEffect[] {
  return postings.flatMap(({ row, posting }): PoolEffect[] => {
    const account = accounts.get(posting.party.id);
    const balance = posted.balances.get(`account:${posting.party.id}`);
    const entryId = posted.entries.get(posting.idempotencyKey);
    if (posting.party.kind !== 'account' || !account || !balance || !entryId) return [];
    return [
      {
        account,
        callId: row.callId,
        entryId,
        amount: posting.amount,
        firstCharge: posting.kind === 'call_charge',
        balanceAfter: balance.amount,
        version: balance.version,
      },
    ];
  });
}

async function updateCdrs(
  manager: EntityManager,
  updates: ReadonlyArray<{ row: CdrRow; levels: RatedLevel[]; reason: string | null; revision: number }>,
): Promise<void> {
  if (updates.length === 0) return;
  const level = (levels: readonly RatedLevel[], kind: string) => levels.find((l) => l.kind === kind);
  await manager.query(
    `UPDATE cdrs c
        SET price = u.price, billed_seconds = u.billed_seconds, vendor_cost = u.vendor_cost,
            vendor_currency = u.vendor_currency, rating_status = u.rating_status, unrated_reason = u.unrated_reason,
            levels = u.levels, rating_revision = u.revision, rerated_at = clock_timestamp()
       FROM unnest($1::uuid[], $2::date[], $3::numeric[], $4::int[], $5::numeric[], $6::bpchar[],
                   $7::cdr_rating_status[], $8::text[], $9::jsonb[], $10::int[])
            AS u(id, start_month, price, billed_seconds, vendor_cost, vendor_currency, rating_status, unrated_reason, levels, revision)
      WHERE c.id = u.id AND c.start_month = u.start_month`,
    [
      updates.map((u) => u.row.id),
      updates.map((u) => u.row.startMonth),
      updates.map((u) => level(u.levels, 'customer')?.price ?? null),
      updates.map((u) => level(u.levels, 'customer')?.billedSeconds ?? null),
      updates.map((u) => level(u.levels, 'vendor')?.price ?? null),
      updates.map((u) => level(u.levels, 'vendor')?.currency ?? null),
      updates.map((u) => (u.reason === null ? 'rated' : 'unrated')),
      updates.map((u) => u.reason),
      updates.map((u) => JSON.stringify(u.levels)),
      updates.map((u) => u.revision),
    ],
  );
}

/** The levels as data (jsonb orders an object's keys its own way, so their text cannot be compared). */
function sameLevels(a: readonly RatedLevel[], b: readonly RatedLevel[]): boolean {
  return a.length === b.length && a.every((level, index) => sameLevel(level, b[index]!));
}

const LEVEL_FIELDS = [
  'kind',
  'partyId',
  'tenantPath',
  'price',
  'currency',
  'billedSeconds',
  'margin',
  'problem',
] as const;

function sameLevel(a: RatedLevel, b: RatedLevel): boolean {
  if (LEVEL_FIELDS.some((field) => (a[field] ?? null) !== (b[field] ?? null))) return false;
  if (a.rate === null || b.rate === null) return a.rate === b.rate;
  const rateA = a.rate as unknown as Record<string, unknown>;
  const rateB = b.rate as unknown as Record<string, unknown>;
  const keys = Object.keys(rateA);
  return keys.length === Object.keys(rateB).length && keys.every((key) => rateA[key] === rateB[key]);
}
