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
import { Account } from './account.entity';
import { ServiceKind, ServiceTemplate } from './service-template.entity';
import { Tenant } from './tenant.entity';

export enum ServiceStatus {
  Active = 'active',
  Suspended = 'suspended',
  Terminated = 'terminated',
}

/** What an account buys: a subscriber line, a wholesale SIP trunk or a hosted PBX. Ended, never deleted. */
@Entity('services')
@Check('services_max_channels_check', '"max_channels" >= 0')
@Check('services_ended_at_check', '"ended_at" >= "started_at"')
export class Service {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('services_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Account, { nullable: false, onDelete: 'RESTRICT' })
  account!: Account;

  @Index('services_account_id_idx')
  @Column({ type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => ServiceTemplate, { nullable: true, onDelete: 'RESTRICT' })
  template!: ServiceTemplate | null;

  @Column({ type: 'uuid', nullable: true })
  templateId!: string | null;

  @Column({ type: 'enum', enum: ServiceKind, enumName: 'service_kind' })
  kind!: ServiceKind;

  @Column({ type: 'enum', enum: ServiceStatus, enumName: 'service_status', default: ServiceStatus.Active })
  status!: ServiceStatus;

  @Column({ type: 'text' })
  name!: string;

  /** SIP trunk: the source addresses whose calls are this trunk's (authentication by IP). */
  @Column({ type: 'cidr', array: true, default: [] })
  allowedSourceIps!: string[];

  /** SIP trunk: digits the customer puts before the number to tell its trunks apart on a shared IP. */
  @Column({ type: 'text', nullable: true })
  techPrefix!: string | null;

  @Column({ type: 'int', nullable: true })
  maxChannels!: number | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
