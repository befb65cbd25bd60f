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
import { RateCard } from './rate-card.entity';
import { RoutingPlan } from './routing-plan.entity';
import { Tenant } from './tenant.entity';

export enum RecurringPeriod {
  Monthly = 'monthly',
  Weekly = 'weekly',
  Daily = 'daily',
}

/** What an account is sold on: its sell rate card, routing, recurring fee, included minutes and limits. */
@Entity('service_plans')
@Index('service_plans_tenant_id_name_key', ['tenantId', 'name'], {
  unique: true,
  where: '"deleted_at" IS NULL',
})
@Check('service_plans_recurring_fee_check', '"recurring_fee" >= 0')
@Check('service_plans_included_minutes_check', '"included_minutes" >= 0')
@Check('service_plans_max_channels_check', '"max_channels" >= 0')
@Check('service_plans_currency_check', `"currency" ~ '^[A-Z]{3}$'`)
export class ServicePlan {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('service_plans_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @ManyToOne(() => RateCard, { nullable: false, onDelete: 'RESTRICT' })
  sellRateCard!: RateCard;

  @Column({ type: 'uuid' })
  sellRateCardId!: string;

  /** Null: calls follow the routing of the tenant above (a reseller usually has no vendors of its own). */
  @ManyToOne(() => RoutingPlan, { nullable: true, onDelete: 'RESTRICT' })
  routingPlan!: RoutingPlan | null;

  @Column({ type: 'uuid', nullable: true })
  routingPlanId!: string | null;

  @Column(moneyColumn({ default: 0 }))
  recurringFee!: Decimal;

  @Column({
    type: 'enum',
    enum: RecurringPeriod,
    enumName: 'recurring_period',
    default: RecurringPeriod.Monthly,
  })
  recurringPeriod!: RecurringPeriod;

  /** Minutes per recurring period not charged by the sell rate card. */
  @Column({ type: 'int', default: 0 })
  includedMinutes!: number;

  /** Default channel limit of accounts on the plan; null = unlimited. */
  @Column({ type: 'int', nullable: true })
  maxChannels!: number | null;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** Inactive plans keep their accounts but cannot be chosen for new ones. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
