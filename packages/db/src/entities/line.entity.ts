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
import { Account } from './account.entity';
import { Domain } from './domain.entity';
import { Tenant } from './tenant.entity';

export enum LineStatus {
  Active = 'active',
  Disabled = 'disabled',
}

/**
 * A SIP user `username@domain` of an account, with the credentials Kamailio's auth_db checks
 * (`calculate_ha1 = 0`). The password itself is never stored, so changing the domain's name (the realm)
 * requires new credentials.
 */
@Entity('lines')
@Index('lines_domain_username_key', ['domainId', 'username'], { unique: true, where: '"deleted_at" IS NULL' })
@Check('lines_ha1_check', `"ha1" ~ '^[0-9a-f]{32}$' AND "ha1b" ~ '^[0-9a-f]{32}$'`)
@Check('lines_max_channels_check', '"max_channels" >= 0')
export class Line {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('lines_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Account, { nullable: false, onDelete: 'RESTRICT' })
  account!: Account;

  @Index('lines_account_id_idx')
  @Column({ type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => Domain, { nullable: false, onDelete: 'RESTRICT' })
  domain!: Domain;

  @Column({ type: 'uuid' })
  domainId!: string;

  @Column({ type: 'text' })
  username!: string;

  /** md5(username:realm:password), hex. */
  @Column({ type: 'text' })
  ha1!: string;

  /** md5(username@domain:realm:password), hex: for phones that send the domain in the username. */
  @Column({ type: 'text' })
  ha1b!: string;

  @Column({ type: 'text', nullable: true })
  callerIdName!: string | null;

  @Column({ type: 'text', nullable: true })
  callerIdNumber!: string | null;

  /** Null = only the account's limits apply. */
  @Column({ type: 'int', nullable: true })
  maxChannels!: number | null;

  @Column({ type: 'enum', enum: LineStatus, enumName: 'line_status', default: LineStatus.Active })
  status!: LineStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
