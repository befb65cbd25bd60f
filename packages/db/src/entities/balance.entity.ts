import type Decimal from 'decimal.js';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { moneyColumn } from '../decimal-column';
import { Account } from './account.entity';
import { Tenant } from './tenant.entity';

/**
 * The running balance of one billing party: a subscriber account, or a reseller with its parent.
 * Always the sum of the party's ledger entries; updated in the transaction that posts them.
 */
@Entity('balances')
@Check('balances_party_check', 'num_nonnulls("account_id", "reseller_tenant_id") = 1')
@Check('balances_currency_check', `"currency" ~ '^[A-Z]{3}$'`)
export class Balance {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Who sees the row: the account's tenant, or the reseller's parent. */
  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('balances_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Account, { nullable: true, onDelete: 'RESTRICT' })
  account!: Account | null;

  @Index('balances_account_id_key', { unique: true })
  @Column({ type: 'uuid', nullable: true })
  accountId!: string | null;

  /** The reseller whose balance with its parent this is. */
  @ManyToOne(() => Tenant, { nullable: true, onDelete: 'RESTRICT' })
  resellerTenant!: Tenant | null;

  @Index('balances_reseller_tenant_id_key', { unique: true })
  @Column({ type: 'uuid', nullable: true })
  resellerTenantId!: string | null;

  /** Positive = credit available; negative = owed (postpaid, down to minus the credit limit). */
  @Column(moneyColumn({ default: 0 }))
  amount!: Decimal;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
