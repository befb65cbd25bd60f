import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ApiKey } from './api-key.entity';
import { Tenant } from './tenant.entity';
import { User } from './user.entity';

/** Who changed what, when and from where: one row per write through the API. Append-only. */
@Entity('audit_log')
@Index('audit_log_tenant_id_created_at_idx', ['tenantId', 'createdAt'])
@Index('audit_log_entity_type_entity_id_idx', ['entityType', 'entityId'])
export class AuditLogEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The tenant owning the changed row. */
  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Column({ type: 'uuid' })
  tenantId!: string;

  /** Null for writes by an API key or by the platform itself. */
  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  actorUser!: User | null;

  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @ManyToOne(() => ApiKey, { nullable: true, onDelete: 'RESTRICT' })
  actorApiKey!: ApiKey | null;

  @Column({ type: 'uuid', nullable: true })
  actorApiKeyId!: string | null;

  /** `<entity>.<verb>`, e.g. `account.create`, `rate-card.import`. */
  @Column({ type: 'text' })
  action!: string;

  /** Table name of the changed row, e.g. `accounts`. */
  @Column({ type: 'text' })
  entityType!: string;

  /** Text, so keys other than uuids fit too. */
  @Column({ type: 'text' })
  entityId!: string;

  /** `{ field: { before, after } }` for the changed fields only; secrets appear as changed, never as values. */
  @Column({ type: 'jsonb', nullable: true })
  changes!: object | null;

  @Column({ type: 'inet', nullable: true })
  ip!: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent!: string | null;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
