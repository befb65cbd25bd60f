import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from './tenant.entity';
import { WebhookEndpoint, WebhookEventType } from './webhook-endpoint.entity';

export enum WebhookDeliveryStatus {
  Pending = 'pending',
  Delivered = 'delivered',
  /** Every attempt failed; the last error says why. */
  Failed = 'failed',
}

/** One event sent (or being sent) to one endpoint: at most one per endpoint and event. */
@Entity('webhook_deliveries')
@Index('webhook_deliveries_endpoint_id_event_key_key', ['endpointId', 'eventKey'], { unique: true })
@Index('webhook_deliveries_endpoint_id_created_at_idx', ['endpointId', 'createdAt'])
@Index('webhook_deliveries_event_key_idx', ['eventKey'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The endpoint's tenant: deliveries are read under the same scope as their endpoint. */
  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => WebhookEndpoint, { nullable: false, onDelete: 'CASCADE' })
  endpoint!: WebhookEndpoint;

  @Column({ type: 'uuid' })
  endpointId!: string;

  @Column({ type: 'enum', enum: WebhookEventType, enumName: 'webhook_event_type' })
  eventType!: WebhookEventType;

  /** What makes the event one (e.g. the call's account and Call-ID): a replayed event adds nothing. */
  @Column({ type: 'text' })
  eventKey!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({
    type: 'enum',
    enum: WebhookDeliveryStatus,
    enumName: 'webhook_delivery_status',
    default: WebhookDeliveryStatus.Pending,
  })
  status!: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
