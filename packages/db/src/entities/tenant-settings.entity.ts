import type Decimal from 'decimal.js';
import { Check, Column, CreateDateColumn, Entity, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { decimalColumn, moneyColumn } from '../decimal-column';
import { BillingType } from './account.entity';
import { RateCard } from './rate-card.entity';
import { Tenant } from './tenant.entity';

/**
 * Settings of the owner or of a reseller (one row per tenant): defaults for new accounts, branding of
 * its portal and, for a reseller, the terms its parent sells to it at.
 */
@Entity('tenant_settings')
@Check('tenant_settings_default_currency_check', `"default_currency" ~ '^[A-Z]{3}$'`)
@Check(
  'tenant_settings_colors_check',
  `"primary_color" ~ '^#[0-9a-fA-F]{6}$' AND "accent_color" ~ '^#[0-9a-fA-F]{6}$'`,
)
@Check('tenant_settings_credit_limit_check', '"credit_limit" >= 0')
@Check('tenant_settings_tax_rate_check', '"tax_rate" >= 0 AND "tax_rate" <= 100')
export class TenantSettings {
  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'CASCADE' })
  tenant!: Tenant;

  @PrimaryColumn({ type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'char', length: 3, default: 'USD' })
  defaultCurrency!: string;

  /** IANA zone proposed for new accounts. */
  @Column({ type: 'text', default: 'UTC' })
  defaultTimezone!: string;

  /** Portal and invoice brand; null = the tenant's name. */
  @Column({ type: 'text', nullable: true })
  brandName!: string | null;

  @Column({ type: 'text', nullable: true })
  logoUrl!: string | null;

  /** `#rrggbb`. */
  @Column({ type: 'text', nullable: true })
  primaryColor!: string | null;

  /** `#rrggbb`. */
  @Column({ type: 'text', nullable: true })
  accentColor!: string | null;

  @Column({ type: 'text', nullable: true })
  supportEmail!: string | null;

  /** Percent added as tax to the invoices it issues (e.g. 19 for 19 %); 0 = none. */
  @Column(decimalColumn(7, 4, { default: 0 }))
  taxRate!: Decimal;

  /** Reseller only: the rate card its parent charges it at for every call of its subtree. */
  @ManyToOne(() => RateCard, { nullable: true, onDelete: 'RESTRICT' })
  buyRateCard!: RateCard | null;

  @Column({ type: 'uuid', nullable: true })
  buyRateCardId!: string | null;

  /** Reseller only: how its balance with its parent works (see `balances.reseller_tenant_id`). */
  @Column({
    type: 'enum',
    enum: BillingType,
    enumName: 'tenant_settings_billing_type',
    default: BillingType.Prepaid,
  })
  billingType!: BillingType;

  /** Reseller only, postpaid: how far below zero its balance with its parent may go. */
  @Column(moneyColumn({ default: 0 }))
  creditLimit!: Decimal;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
