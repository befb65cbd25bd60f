import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Tenant } from './tenant.entity';
import { User } from './user.entity';

/** An address or network whose SIP traffic is refused (e.g. after repeated failed registrations). */
@Entity('banned_ips')
// Also serves tenant-scoped queries: no separate tenant_id index.
@Index('banned_ips_tenant_id_cidr_key', ['tenantId', 'cidr'], { unique: true })
export class BannedIp {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Column({ type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'cidr' })
  cidr!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** Null = until lifted by hand. */
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /** Null when banned automatically. */
  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  createdByUser!: User | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
