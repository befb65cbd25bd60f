import type Decimal from 'decimal.js';
import {
  Check,
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { moneyColumn } from '../decimal-column';
import { ServicePlan } from './service-plan.entity';
import { Tenant } from './tenant.entity';

// Shared with tenant_settings, but each table has its own PostgreSQL type: TypeORM 0.3 generates CREATE TYPE
// twice for one type used by two new tables, and alters a shared type badly when values change.
export enum BillingType {
  Prepaid = 'prepaid',
  Postpaid = 'postpaid',
}

export enum AccountStatus {
  Active = 'active',
  Suspended = 'suspended',
  Closed = 'closed',
}

/**
 * A subscriber account (customer): the billing entity of the owner or of a reseller. Prepaid accounts
 * may spend their balance; postpaid ones may go down to minus their credit limit.
 */
@Entity('accounts')
@Index('accounts_tenant_id_code_key', ['tenantId', 'code'], { unique: true, where: '"deleted_at" IS NULL' })
@Check('accounts_credit_limit_check', '"credit_limit" >= 0')
@Check('accounts_currency_check', `"currency" ~ '^[A-Z]{3}$'`)
@Check(
  'accounts_channels_check',
  '"max_channels" >= 0 AND "max_inbound_channels" >= 0 AND "max_outbound_channels" >= 0',
)
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('accounts_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  /** Human account number, shown on invoices and used by integrators. */
  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'enum', enum: BillingType, enumName: 'account_billing_type' })
  billingType!: BillingType;

  /** Postpaid only: how far below zero the balance may go. */
  @Column(moneyColumn({ default: 0 }))
  creditLimit!: Decimal;

  /** ISO 4217 code of the balance and every charge. */
  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** IANA zone: tariff periods, holidays and invoice periods are read in it. */
  @Column({ type: 'text', default: 'UTC' })
  timezone!: string;

  @Column({ type: 'enum', enum: AccountStatus, enumName: 'account_status', default: AccountStatus.Active })
  status!: AccountStatus;

  /** Concurrent calls over all lines and trunks; null = unlimited (same for the two below). */
  @Column({ type: 'int', nullable: true })
  maxChannels!: number | null;

  @Column({ type: 'int', nullable: true })
  maxInboundChannels!: number | null;

  @Column({ type: 'int', nullable: true })
  maxOutboundChannels!: number | null;

  @ManyToOne(() => ServicePlan, { nullable: true, onDelete: 'RESTRICT' })
  servicePlan!: ServicePlan | null;

  @Column({ type: 'uuid', nullable: true })
  servicePlanId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
