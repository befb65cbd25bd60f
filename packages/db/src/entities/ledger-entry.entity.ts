import type Decimal from 'decimal.js';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn } from '../decimal-column';
import { Account } from './account.entity';
import { ApiKey } from './api-key.entity';
import { Tenant } from './tenant.entity';
import { User } from './user.entity';

export enum LedgerEntryKind {
  TopUp = 'top_up',
  CallCharge = 'call_charge',
  RecurringFee = 'recurring_fee',
  DidFee = 'did_fee',
  Adjustment = 'adjustment',
  Refund = 'refund',
  InvoicePayment = 'invoice_payment',
}

/**
 * One money movement of a billing party (an account, or a reseller with its parent); a balance is the
 * sum of its entries. Append-only: a mistake is corrected by a new entry, never by an update.
 */
@Entity('ledger_entries')
@Index('ledger_entries_account_id_created_at_idx', ['accountId', 'createdAt'])
@Index('ledger_entries_reseller_tenant_id_created_at_idx', ['resellerTenantId', 'createdAt'])
@Check('ledger_entries_party_check', 'num_nonnulls("account_id", "reseller_tenant_id") = 1')
@Check('ledger_entries_currency_check', `"currency" ~ '^[A-Z]{3}$'`)
export class LedgerEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Who sees the row: the account's tenant, or the reseller's parent. */
  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('ledger_entries_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Account, { nullable: true, onDelete: 'RESTRICT' })
  account!: Account | null;

  @Column({ type: 'uuid', nullable: true })
  accountId!: string | null;

  @ManyToOne(() => Tenant, { nullable: true, onDelete: 'RESTRICT' })
  resellerTenant!: Tenant | null;

  @Column({ type: 'uuid', nullable: true })
  resellerTenantId!: string | null;

  @Column({ type: 'enum', enum: LedgerEntryKind, enumName: 'ledger_entry_kind' })
  kind!: LedgerEntryKind;

  /** Signed, from the party's side: credits (top-ups, refunds) positive, charges negative. */
  @Column(moneyColumn())
  amount!: Decimal;

  /** Always the party's balance currency. */
  @Column({ type: 'char', length: 3 })
  currency!: string;

  /**
   * Natural key of the posting (e.g. `cdr:<leg>:<level>:<party>:<Call-ID>`, `top-up:<payment id>`): a replayed
   * top-up or CDR is applied once. Unique over the whole table, so posters prefix it with their kind.
   */
  @Index('ledger_entries_idempotency_key_key', { unique: true })
  @Column({ type: 'text' })
  idempotencyKey!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** Free text from outside, e.g. a payment provider's id. */
  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  createdByUser!: User | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @ManyToOne(() => ApiKey, { nullable: true, onDelete: 'RESTRICT' })
  createdByApiKey!: ApiKey | null;

  @Column({ type: 'uuid', nullable: true })
  createdByApiKeyId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
