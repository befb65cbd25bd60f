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
import { Tenant } from './tenant.entity';

/** A SIP domain (sip.example.com) of the owner or a reseller; lines live in it. */
@Entity('domains')
@Index('domains_name_key', ['name'], { unique: true, where: '"deleted_at" IS NULL' })
@Check('domains_name_check', '"name" = lower("name")')
export class Domain {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('domains_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  /** Lower-case; also the digest realm of its lines' credentials. */
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
