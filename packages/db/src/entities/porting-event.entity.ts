import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PortingRequest, PortingStatus } from './porting-request.entity';
import { Tenant } from './tenant.entity';

/** One step in a porting request's history (created, submitted, accepted, note, document added…); append-only. */
@Entity('porting_events')
@Index('porting_events_request_id_created_at_idx', ['requestId', 'createdAt'])
export class PortingEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => PortingRequest, { nullable: false, onDelete: 'CASCADE' })
  request!: PortingRequest;

  @Column({ type: 'uuid' })
  requestId!: string;

  /** e.g. 'created', 'updated', 'submitted', 'accepted', 'completed', 'note', 'document_added'. */
  @Column({ type: 'text' })
  event!: string;

  @Column({ type: 'enum', enum: PortingStatus, enumName: 'porting_event_from_status', nullable: true })
  fromStatus!: PortingStatus | null;

  @Column({ type: 'enum', enum: PortingStatus, enumName: 'porting_event_to_status' })
  toStatus!: PortingStatus;

  /** The user who made the step; null for an API key (its id is in details). */
  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details!: object | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
