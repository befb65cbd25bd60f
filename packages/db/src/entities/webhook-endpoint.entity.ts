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

/** The events a webhook can subscribe to. */
export enum WebhookEventType {
  /** Call control ended a call (credit exhausted, max time, operator kill or terminate-all). */
  CallShutdown = 'call.shutdown',
}

/**
 * An operator's (or reseller's) HTTP endpoint told of events in its tenant and below, each POST signed
 * with HMAC-SHA256 of the body under the endpoint's secret.
 */
@Entity('webhook_endpoints')
@Index('webhook_endpoints_tenant_id_idx', ['tenantId'])
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Column({ type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'enum', enum: WebhookEventType, enumName: 'webhook_event_type', array: true })
  events!: WebhookEventType[];

  /** Kept in clear: the API must sign with it. Shown once, when made or rotated. */
  @Column({ type: 'text' })
  signingSecret!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
