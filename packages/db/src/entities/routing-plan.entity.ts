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
import { decimalColumn, rateColumn } from '../decimal-column';
import { Tenant } from './tenant.entity';

// Shared with routing_plan_prefixes, but each table has its own PostgreSQL type: TypeORM 0.3 generates CREATE TYPE
// twice for one type used by two new tables, and alters a shared type badly when values change.
export enum RoutingStrategy {
  /** Least cost: cheapest vendor first. */
  Lcr = 'lcr',
  /** Most cost: most expensive (as a proxy for quality) first, then higher quality score. */
  Mcr = 'mcr',
  /** Fixed order by priority: primary, secondary, tertiary. */
  Priority = 'priority',
  /** Random order in proportion to the vendors' weights. */
  Weighted = 'weighted',
}

/**
 * How calls are sent to vendors: a strategy, per-prefix overrides and blocked destinations
 * (`routing_plan_prefixes`), the vendors per prefix (`routing_plan_vendors`) and a margin guard.
 */
@Entity('routing_plans')
@Index('routing_plans_tenant_id_name_key', ['tenantId', 'name'], {
  unique: true,
  where: '"deleted_at" IS NULL',
})
@Check('routing_plans_margin_guard_check', '"margin_guard_percent" >= 0 AND "margin_guard_amount" >= 0')
@Check('routing_plans_max_vendors_check', '"max_vendors" > 0')
export class RoutingPlan {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('routing_plans_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Default strategy; a `routing_plan_prefixes` row may override it for its prefix. */
  @Column({ type: 'enum', enum: RoutingStrategy, enumName: 'routing_plan_strategy' })
  strategy!: RoutingStrategy;

  /** Minimum margin, as a percentage of the sell price, a vendor must leave; null = no percentage floor. */
  @Column(decimalColumn(7, 4, { nullable: true }))
  marginGuardPercent!: Decimal | null;

  /**
   * Minimum margin per minute (sell minus buy price) a vendor must leave; null = no amount floor.
   * Compared with prices per minute, hence a rate column (8 decimals), not a money one.
   */
  @Column(rateColumn({ nullable: true }))
  marginGuardAmount!: Decimal | null;

  /** Offer vendors that cost more than the sell price rather than refusing the call. */
  @Column({ type: 'boolean', default: false })
  allowLoss!: boolean;

  /** Carriers handed to Kamailio per call (failover depth). */
  @Column({ type: 'int', default: 3 })
  maxVendors!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
