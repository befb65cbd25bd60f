import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Account } from './account.entity';
import { Tenant } from './tenant.entity';

export enum UserRole {
  Admin = 'admin',
  Billing = 'billing',
  ReadOnly = 'read_only',
}

/** A portal login on one tenant level, with a role. Passwords are stored as argon2id hashes only. */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'CASCADE' })
  tenant!: Tenant;

  @Index('users_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  /** Stored lower-cased; unique among live users across the platform, so a login needs no tenant. */
  @Index('users_email_key', { unique: true, where: '"deleted_at" IS NULL' })
  @Column({ type: 'text' })
  email!: string;

  /** End-user logins only: the one account they see. Null for owner and reseller staff. */
  @ManyToOne(() => Account, { nullable: true, onDelete: 'RESTRICT' })
  account!: Account | null;

  @Index('users_account_id_idx')
  @Column({ type: 'uuid', nullable: true })
  accountId!: string | null;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'enum', enum: UserRole, enumName: 'user_role' })
  role!: UserRole;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
