import { Injectable, Logger } from '@nestjs/common';
import { LedgerEntry, LedgerEntryKind } from '@tollgate/db';
import type Decimal from 'decimal.js';
import { type EntityManager, QueryFailedError } from 'typeorm';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { CreditPools } from '@tollgate/credit-pools';
import { ConflictError, ForbiddenError, UnprocessableError } from '../http/domain-errors';
import { registerUniqueFields } from '../http/unique-violations';
import { TenantResources } from '../tenancy/tenant-resources';
import { BALANCE_VERSION } from './balance-version';
import {
  BillingParties,
  type BillingParty,
  ExactDecimal,
  PARTY_COLUMNS,
  type PartyRef,
} from './billing-parties';
import { type LedgerEntryView, storedIdempotencyKey, toLedgerEntryView } from './ledger-entry-view';

// A safety net: keys are namespaced per party and checked under the balance lock before inserting.
registerUniqueFields({ ledger_entries_idempotency_key_key: 'idempotencyKey' });

export interface LedgerPosting {
  kind: LedgerEntryKind;
  /** Signed, from the party's side. */
  amount: Decimal;
  idempotencyKey: string;
  /** When given, must be the party's currency. */
  currency?: string | undefined;
  description: string | null;
  reference: string | null;
  /** A rule on the locked balance (e.g. a refund may not overdraw); throws to refuse the posting. */
  check?: (balance: Decimal, party: BillingParty) => void;
}

export interface PostedEntry {
  entry: LedgerEntryView;
  /** True when the key was already posted with the same content: nothing changed. */
  replayed: boolean;
}

interface LockedBalance {
  id: string;
  amount: Decimal;
  currency: string;
}

interface BalanceAfter {
  amount: Decimal;
  /** µs since the epoch of the update: the balance version credit pools compare. */
  version: bigint;
}

interface Committed extends PostedEntry {
  party: BillingParty;
  balance?: BalanceAfter;
}

/**
 * The one place that writes a ledger entry: the entry, its party's balance and the audit row commit
 * together, with the balance row locked, so a balance is always the sum of its ledger. Once committed,
 * an account's entry reaches its credit pool in Redis (call charges excepted: the pool settled them).
 */
@Injectable()
export class PostLedgerEntryService {
  private readonly logger = new Logger(PostLedgerEntryService.name);

  constructor(
    private readonly resources: TenantResources,
    private readonly parties: BillingParties,
    private readonly audit: AuditTrail,
    private readonly pools: CreditPools,
  ) {}

  async post(actor: Actor, ref: PartyRef, posting: LedgerPosting): Promise<PostedEntry> {
    const committed = await this.commit(actor, ref, posting);
    if (committed.balance && ref.kind === 'account' && posting.kind !== LedgerEntryKind.CallCharge)
      await this.bringIntoPool(committed, committed.balance);
    return { entry: committed.entry, replayed: committed.replayed };
  }

  private commit(actor: Actor, ref: PartyRef, posting: LedgerPosting): Promise<Committed> {
    return this.resources.transaction(async (manager) => {
      const party = await this.parties.find(actor.scope, ref, manager);
      if (actor.scope.isEndUser) throw new ForbiddenError('end users cannot post to the ledger');
      assertCurrency(posting.currency ?? party.currency, party);
      const balance = await this.lockBalance(manager, party);
      assertCurrency(balance.currency, party);
      const key = storedIdempotencyKey(ref, posting.idempotencyKey);
      const earlier = await manager.getRepository(LedgerEntry).findOneBy({ idempotencyKey: key });
      if (earlier) return { entry: replayOf(earlier, posting, party), replayed: true, party };
      posting.check?.(balance.amount, party);
      const entry = toLedgerEntryView(await this.insertEntry(manager, actor, party, posting, key));
      const after = await this.addToBalance(manager, balance, posting.amount);
      await this.audit.record(manager, actor, {
        action: `ledger-entry.${posting.kind.replaceAll('_', '-')}`,
        entityType: 'ledger-entry',
        entityId: entry.id,
        tenantId: party.tenantId,
        before: { balance: balance.amount },
        after: { ...entry, balance: after.amount },
      });
      return { entry, replayed: false, party, balance: after };
    });
  }

  /**
   * The entry is committed whatever happens here: a pool that misses it is corrected when it is next
   * loaded from the ledger balance (call control's reconciliation, issue 7), so a failure is logged.
   */
  private async bringIntoPool({ entry, party }: Committed, balance: BalanceAfter): Promise<void> {
    try {
      await this.pools.applyLedgerEntry(party.ref.id, {
        entryId: entry.id,
        amount: entry.amount,
        balanceAfter: balance.amount,
        balanceVersion: balance.version,
        currency: party.currency,
        billingType: party.billingType,
        creditLimit: party.creditLimit,
      });
    } catch (error) {
      this.logger.error(
        `ledger entry ${entry.id} committed but not brought into the credit pool of account ${party.ref.id}: ${(error as Error).message}`,
      );
    }
  }

  private insertEntry(
    manager: EntityManager,
    actor: Actor,
    party: BillingParty,
    posting: LedgerPosting,
    idempotencyKey: string,
  ): Promise<LedgerEntry> {
    const entries = manager.getRepository(LedgerEntry);
    return entries.save(
      entries.create({
        tenantId: party.tenantId,
        [PARTY_COLUMNS[party.ref.kind].property]: party.ref.id,
        kind: posting.kind,
        amount: posting.amount,
        currency: party.currency,
        idempotencyKey,
        description: posting.description,
        reference: posting.reference,
        createdByUserId: actor.principal.kind === 'user' ? actor.principal.id : null,
        createdByApiKeyId: actor.principal.kind === 'api_key' ? actor.principal.id : null,
      }),
    );
  }

  /** Creates the balance row on the party's first posting, then locks it until the transaction ends. */
  private async lockBalance(manager: EntityManager, party: BillingParty): Promise<LockedBalance> {
    const { column } = PARTY_COLUMNS[party.ref.kind];
    await manager.query(
      `INSERT INTO balances (tenant_id, ${column}, currency) VALUES ($1, $2, $3) ON CONFLICT (${column}) DO NOTHING`,
      [party.tenantId, party.ref.id, party.currency],
    );
    const [row] = (await manager.query(
      `SELECT id, amount::text AS amount, currency FROM balances WHERE ${column} = $1 FOR UPDATE`,
      [party.ref.id],
    )) as Array<{ id: string; amount: string; currency: string }>;
    return { id: row!.id, amount: new ExactDecimal(row!.amount), currency: row!.currency };
  }

  /**
   * `clock_timestamp()`, not `now()`: taken under the row lock, it orders the updates of one balance
   * even when a later transaction started first, so it can serve as the balance's version.
   */
  private async addToBalance(
    manager: EntityManager,
    balance: LockedBalance,
    amount: Decimal,
  ): Promise<BalanceAfter> {
    try {
      const [rows] = (await manager.query(
        `UPDATE balances SET amount = amount + $1, updated_at = clock_timestamp() WHERE id = $2
         RETURNING amount::text AS amount, ${BALANCE_VERSION} AS version`,
        [amount.toFixed(), balance.id],
      )) as [Array<{ amount: string; version: string }>, number];
      return { amount: new ExactDecimal(rows[0]!.amount), version: BigInt(rows[0]!.version) };
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '22003')
        throw new UnprocessableError('the balance would exceed the largest amount it can hold', 'amount');
      throw error;
    }
  }
}

function assertCurrency(currency: string, party: BillingParty): void {
  if (currency !== party.currency)
    throw new UnprocessableError(
      `the ${party.ref.kind}'s balance is kept in ${party.currency}, not ${currency}`,
      'currency',
    );
}

/** A replay must repeat the first posting exactly; the same key for another movement is a client bug. */
function replayOf(earlier: LedgerEntry, posting: LedgerPosting, party: BillingParty): LedgerEntryView {
  const same =
    earlier.kind === posting.kind &&
    earlier.amount.eq(posting.amount) &&
    earlier.currency === party.currency &&
    earlier.description === posting.description &&
    earlier.reference === posting.reference;
  if (!same)
    throw new ConflictError(
      'this idempotencyKey was already used for a different posting of this party',
      'idempotencyKey',
    );
  return toLedgerEntryView(earlier);
}
