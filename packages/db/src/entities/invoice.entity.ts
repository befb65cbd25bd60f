import type Decimal from 'decimal.js';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { decimalColumn, moneyColumn } from '../decimal-column';
import { Account } from './account.entity';
import { InvoiceLine } from './invoice-line.entity';
import { Tenant } from './tenant.entity';

/**
 * What an account was charged and paid in one calendar month of its time zone, issued once by the
 * account's tenant and never changed after: its figures, lines and the issuer's brand are copied in.
 */
@Entity('invoices')
@Index('invoices_account_id_month_key', ['accountId', 'month'], { unique: true })
@Index('invoices_tenant_id_sequence_key', ['tenantId', 'sequence'], { unique: true })
@Check('invoices_month_check', `"month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
@Check('invoices_currency_check', `"currency" ~ '^[A-Z]{3}$'`)
@Check('invoices_tax_rate_check', '"tax_rate" >= 0 AND "tax_rate" <= 100')
export class Invoice {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The issuing tenant: the account's tenant, whose numbering the invoice takes. */
  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('invoices_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Account, { nullable: false, onDelete: 'RESTRICT' })
  account!: Account;

  @Column({ type: 'uuid' })
  accountId!: string;

  /** 1, 2, 3… per issuing tenant, without gaps (see `invoice_sequences`). */
  @Column({ type: 'int' })
  sequence!: number;

  /** What the customer reads: `INV-000042`. */
  @Column({ type: 'text' })
  number!: string;

  /** `YYYY-MM` in `timezone`. */
  @Column({ type: 'text' })
  month!: string;

  @Column({ type: 'timestamptz' })
  periodStart!: Date;

  /** The first instant after the period. */
  @Column({ type: 'timestamptz' })
  periodEnd!: Date;

  /** The account's zone when issued. */
  @Column({ type: 'text' })
  timezone!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** Copied at issue: the account as named then, and the issuer's brand (tenant settings, or its name). */
  @Column({ type: 'text' })
  accountCode!: string;

  @Column({ type: 'text' })
  accountName!: string;

  @Column({ type: 'text' })
  issuerName!: string;

  @Column({ type: 'text', nullable: true })
  issuerEmail!: string | null;

  /** The ledger balance at the period's start and end (exact); the end is the balance carried. */
  @Column(moneyColumn())
  openingBalance!: Decimal;

  @Column(moneyColumn())
  closingBalance!: Decimal;

  /** Sum of the charge lines, each already rounded to the currency's decimals. */
  @Column(moneyColumn())
  subtotal!: Decimal;

  /** Percent, from the issuer's settings at issue. */
  @Column(decimalColumn(7, 4))
  taxRate!: Decimal;

  /** `subtotal × taxRate / 100`, rounded half up to the currency's decimals. */
  @Column(moneyColumn())
  tax!: Decimal;

  @Column(moneyColumn())
  total!: Decimal;

  /** Top-ups and invoice payments received in the period, each rounded like a line. */
  @Column(moneyColumn())
  payments!: Decimal;

  @OneToMany(() => InvoiceLine, (line) => line.invoice)
  lines!: InvoiceLine[];

  /** When it was issued. */
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
