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
import { Account } from './account.entity';
import { Tenant } from './tenant.entity';
import { User } from './user.entity';

/** Numbers coming to the operator from another carrier, or leaving it for one. */
export enum PortingDirection {
  In = 'port_in',
  Out = 'port_out',
}

export enum PortingStatus {
  Draft = 'draft',
  Submitted = 'submitted',
  /** The losing carrier agreed; the port happens at `scheduledAt`. */
  Accepted = 'accepted',
  Completed = 'completed',
  Rejected = 'rejected',
  Cancelled = 'cancelled',
}

/**
 * A request to move numbers of one account between carriers: a port-in brings them into the DID
 * inventory when it completes, a port-out takes them out of it. Its steps are kept in porting_events.
 */
@Entity('porting_requests')
@Index('porting_requests_tenant_id_status_idx', ['tenantId', 'status'])
@Check('porting_requests_numbers_check', `cardinality("numbers") BETWEEN 1 AND 1000`)
@Check('porting_requests_country_check', `"country" ~ '^[A-Z]{2}$'`)
@Check(
  'porting_requests_scheduled_check',
  `"status" NOT IN ('accepted', 'completed') OR "scheduled_at" IS NOT NULL`,
)
export class PortingRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Column({ type: 'uuid' })
  tenantId!: string;

  /** The account the numbers belong to (port-out) or will be assigned to (port-in). */
  @ManyToOne(() => Account, { nullable: false, onDelete: 'RESTRICT' })
  account!: Account;

  @Index('porting_requests_account_id_idx')
  @Column({ type: 'uuid' })
  accountId!: string;

  @Column({ type: 'enum', enum: PortingDirection, enumName: 'porting_direction' })
  direction!: PortingDirection;

  @Column({
    type: 'enum',
    enum: PortingStatus,
    enumName: 'porting_status',
    default: PortingStatus.Draft,
  })
  status!: PortingStatus;

  /** E.164 digits without "+", in the order given. */
  @Column({ type: 'text', array: true, collation: 'C' })
  numbers!: string[];

  /** ISO 3166-1 alpha-2 of the numbers (the DIDs a port-in creates get it). */
  @Column({ type: 'char', length: 2 })
  country!: string;

  /** The carrier the numbers leave. */
  @Column({ type: 'text' })
  losingCarrier!: string;

  /** The carrier the numbers go to. */
  @Column({ type: 'text' })
  gainingCarrier!: string;

  /** The day the customer asks for (YYYY-MM-DD). */
  @Column({ type: 'date', nullable: true })
  requestedDate!: string | null;

  /** The moment agreed with the losing carrier, set on acceptance. */
  @Column({ type: 'timestamptz', nullable: true })
  scheduledAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  /** When it was completed, rejected or cancelled. */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** Free text kept with the request (e.g. the customer's account number at the losing carrier). */
  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ type: 'text', nullable: true })
  rejectionReason!: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  createdByUser!: User | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
