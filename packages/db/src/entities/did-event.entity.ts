import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Did, DidStatus } from './did.entity';
import { Tenant } from './tenant.entity';

/** One step in a number's history (added, reserved, assigned, released, quarantined, ported…); append-only. */
@Entity('did_events')
@Index('did_events_did_id_created_at_idx', ['didId', 'createdAt'])
export class DidEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Did, { nullable: false, onDelete: 'CASCADE' })
  did!: Did;

  @Column({ type: 'uuid' })
  didId!: string;

  /** e.g. 'added', 'reserved', 'reservation_expired', 'assigned', 'released', 'quarantine_ended'. */
  @Column({ type: 'text' })
  event!: string;

  @Column({ type: 'enum', enum: DidStatus, enumName: 'did_event_status', nullable: true })
  fromStatus!: DidStatus | null;

  @Column({ type: 'enum', enum: DidStatus, enumName: 'did_event_to_status' })
  toStatus!: DidStatus;

  @Column({ type: 'uuid', nullable: true })
  accountId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details!: object | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
