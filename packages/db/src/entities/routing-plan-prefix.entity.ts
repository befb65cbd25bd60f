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
import { RoutingPlan, RoutingStrategy } from './routing-plan.entity';
import { Tenant } from './tenant.entity';

/**
 * A per-destination rule of a routing plan: another strategy, or a blocked destination. The longest
 * matching prefix wins; its vendors are the `routing_plan_vendors` rows with the same prefix.
 */
@Entity('routing_plan_prefixes')
@Index('routing_plan_prefixes_routing_plan_id_prefix_key', ['routingPlanId', 'prefix'], { unique: true })
@Check('routing_plan_prefixes_prefix_check', `"prefix" ~ '^[0-9]{1,15}$'`)
export class RoutingPlanPrefix {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('routing_plan_prefixes_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => RoutingPlan, { nullable: false, onDelete: 'CASCADE' })
  routingPlan!: RoutingPlan;

  @Column({ type: 'uuid' })
  routingPlanId!: string;

  /** E.164 digits without `+`; the plan itself is the catch-all. */
  @Column({ type: 'text', collation: 'C' })
  prefix!: string;

  /** Null = the plan's strategy. */
  @Column({ type: 'enum', enum: RoutingStrategy, enumName: 'routing_plan_prefix_strategy', nullable: true })
  strategy!: RoutingStrategy | null;

  /** Calls to this prefix are refused, whoever could carry them. */
  @Column({ type: 'boolean', default: false })
  blocked!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
