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

export enum TenantKind {
  Owner = 'owner',
  Reseller = 'reseller',
}

/**
 * The owner (the operator running the platform) or a reseller at any depth below it.
 * `path` is the chain of ids from the owner down to this tenant, '/'-separated and '/'-terminated,
 * so a reseller's subtree is `path LIKE '<its path>%'` on an index, without recursive queries.
 */
@Entity('tenants')
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: TenantKind, enumName: 'tenant_kind' })
  kind!: TenantKind;

  @ManyToOne(() => Tenant, { nullable: true, onDelete: 'RESTRICT' })
  parent!: Tenant | null;

  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @Index('tenants_path_idx')
  @Column({ type: 'text', collation: 'C' })
  path!: string;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
