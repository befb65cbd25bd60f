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

/** A public holiday of a tenant's calendar: rate periods may apply on holidays only, or never on them. */
@Entity('holidays')
// Also serves tenant-scoped queries: no separate tenant_id index.
@Index('holidays_tenant_id_date_key', ['tenantId', 'date'], { unique: true })
export class Holiday {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Column({ type: 'uuid' })
  tenantId!: string;

  /** Local date `YYYY-MM-DD`, read in the account's time zone at rating time. */
  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
