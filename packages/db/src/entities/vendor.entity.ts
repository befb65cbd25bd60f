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
import { decimalColumn } from '../decimal-column';
import { RateCard } from './rate-card.entity';
import { Tenant } from './tenant.entity';

/** A carrier that terminates calls, charging at its buy rate card; reached through its trunks. */
@Entity('vendors')
@Index('vendors_tenant_id_name_key', ['tenantId', 'name'], { unique: true, where: '"deleted_at" IS NULL' })
@Check('vendors_currency_check', `"currency" ~ '^[A-Z]{3}$'`)
@Check('vendors_weight_check', '"weight" >= 0')
@Check('vendors_quality_score_check', '"quality_score" >= 0')
@Check('vendors_blocked_prefixes_check', `array_to_string("blocked_prefixes", ',') ~ '^([0-9]+(,[0-9]+)*)?$'`)
export class Vendor {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('vendors_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** Disabled vendors are skipped by routing. */
  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @ManyToOne(() => RateCard, { nullable: true, onDelete: 'RESTRICT' })
  buyRateCard!: RateCard | null;

  @Column({ type: 'uuid', nullable: true })
  buyRateCardId!: string | null;

  /** Fixed-priority routing: lower first (primary 1, secondary 2…); the tie-break of every strategy. */
  @Column({ type: 'int', default: 0 })
  priority!: number;

  /** Weighted routing: share of calls offered first, relative to the other vendors'. */
  @Column({ type: 'int', default: 1 })
  weight!: number;

  /** MCR: higher first among vendors of equal cost; null = 0. */
  @Column(decimalColumn(5, 2, { nullable: true }))
  qualityScore!: Decimal | null;

  /** Destinations this vendor must never carry, whatever the routing plan says. */
  @Column({ type: 'text', array: true, default: [] })
  blockedPrefixes!: string[];

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
