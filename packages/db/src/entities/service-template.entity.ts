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
import { ServicePlan } from './service-plan.entity';
import { Tenant } from './tenant.entity';

// Shared with services, but each table has its own PostgreSQL type: TypeORM 0.3 generates CREATE TYPE
// twice for one type used by two new tables, and alters a shared type badly when values change.
export enum ServiceKind {
  SubscriberLine = 'subscriber_line',
  SipTrunk = 'sip_trunk',
  HostedPbx = 'hosted_pbx',
}

/** A product in a tenant's catalogue that services are created from, with its defaults. */
@Entity('service_templates')
// Also serves tenant-scoped queries: no separate tenant_id index.
@Index('service_templates_tenant_id_name_key', ['tenantId', 'name'], { unique: true })
@Check('service_templates_max_channels_check', '"max_channels" >= 0')
export class ServiceTemplate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Column({ type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: ServiceKind, enumName: 'service_template_kind' })
  kind!: ServiceKind;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** Default channel limit of services created from it; null = unlimited. */
  @Column({ type: 'int', nullable: true })
  maxChannels!: number | null;

  /** Default plan of the accounts it is sold to. */
  @ManyToOne(() => ServicePlan, { nullable: true, onDelete: 'RESTRICT' })
  servicePlan!: ServicePlan | null;

  @Column({ type: 'uuid', nullable: true })
  servicePlanId!: string | null;

  /** Inactive templates are kept for the services made from them but offered no more. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
