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
import { Tenant } from './tenant.entity';
import { User } from './user.entity';

/**
 * An integrator's key to the REST API, scoped to one tenant (and its subtree) and a set of permissions.
 * Only a hash of the key is stored; the key itself is shown once, when it is created.
 */
@Entity('api_keys')
@Check('api_keys_secret_hash_check', `"secret_hash" ~ '^[0-9a-f]{64}$'`)
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('api_keys_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** First 12 characters of the key: shown in lists, and how a presented key finds its row. */
  @Index('api_keys_prefix_key', { unique: true })
  @Column({ type: 'text' })
  prefix!: string;

  /** SHA-256 (hex) of the whole key. */
  @Column({ type: 'text' })
  secretHash!: string;

  @Column({ type: 'text', array: true, default: [] })
  permissions!: string[];

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  createdByUser!: User | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
