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
import { RoutingPlan } from './routing-plan.entity';
import { Tenant } from './tenant.entity';
import { Vendor } from './vendor.entity';

/** A vendor a routing plan may use, for all destinations (prefix '') or for one `routing_plan_prefixes` row. */
@Entity('routing_plan_vendors')
@Index('routing_plan_vendors_routing_plan_id_prefix_vendor_id_key', ['routingPlanId', 'prefix', 'vendorId'], {
  unique: true,
})
@Check('routing_plan_vendors_prefix_check', `"prefix" ~ '^[0-9]{0,15}$'`)
@Check('routing_plan_vendors_weight_check', '"weight" >= 0')
export class RoutingPlanVendor {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('routing_plan_vendors_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => RoutingPlan, { nullable: false, onDelete: 'CASCADE' })
  routingPlan!: RoutingPlan;

  @Column({ type: 'uuid' })
  routingPlanId!: string;

  /** '' = the plan's default vendors; otherwise the prefix of a `routing_plan_prefixes` row. */
  @Column({ type: 'text', collation: 'C', default: '' })
  prefix!: string;

  @ManyToOne(() => Vendor, { nullable: false, onDelete: 'RESTRICT' })
  vendor!: Vendor;

  @Index('routing_plan_vendors_vendor_id_idx')
  @Column({ type: 'uuid' })
  vendorId!: string;

  /** Fixed-priority order in this plan; null = the vendor's own priority. */
  @Column({ type: 'int', nullable: true })
  priority!: number | null;

  /** Weighted share in this plan; null = the vendor's own weight. */
  @Column({ type: 'int', nullable: true })
  weight!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
