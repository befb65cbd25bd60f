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

export enum CdrReratingMode {
  /** Every level the requester prices is priced again with the cards as they are now. */
  All = 'all',
  /** Only the levels that have no price yet: the unrated CDRs' missing levels. */
  Unrated = 'unrated',
}

export enum CdrReratingStatus {
  Queued = 'queued',
  Running = 'running',
  Completed = 'completed',
  /** The job itself failed (retries exhausted); the batches before the failure stay committed. */
  Failed = 'failed',
}

/** Who asked for the rerating (the API's actor, or `system` for an automatic one). */
export interface CdrReratingRequester {
  kind: 'user' | 'api_key' | 'schedule' | 'system';
  id: string | null;
  tenantId: string;
  tenantPath: string;
  requestId: string | null;
}

/** A CDR a batch could not rerate in full, and why (the first ones only: see `errorCount`). */
export interface CdrReratingError {
  cdrId: string;
  callId: string;
  reason: string;
}

/** Where a rerating is in its CDRs: the last one done, in (started_at, id) order. */
export interface CdrReratingCursor {
  startedAt: string;
  id: string;
}

/**
 * One rerating of a period's CDRs, run by cdr-worker as a BullMQ job in batches: its scope (a tenant's
 * subtree, optionally one account or one rate card), its progress and counts (kept here, in the same
 * transaction as each batch, so a restarted job resumes after the last committed batch).
 */
@Entity('cdr_reratings')
@Index('cdr_reratings_tenant_id_created_at_idx', ['tenantId', 'createdAt'])
@Check('cdr_reratings_percent_check', '"percent" BETWEEN 0 AND 100')
@Check('cdr_reratings_period_check', '"from_time" < "to_time"')
export class CdrRerating {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  /** The requester's tenant: the rerating touches CDRs of this subtree only. */
  @Column({ type: 'uuid' })
  tenantId!: string;

  /** Only this account's CDRs, when set. */
  @Column({ type: 'uuid', nullable: true })
  accountId!: string | null;

  /** Only the CDRs priced at this card at some level (customer plan, reseller buy, vendor buy), when set. */
  @Column({ type: 'uuid', nullable: true })
  rateCardId!: string | null;

  @Column({ type: 'enum', enum: CdrReratingMode, enumName: 'cdr_rerating_mode' })
  mode!: CdrReratingMode;

  /** Calls set up at or after this instant... */
  @Column({ type: 'timestamptz' })
  fromTime!: Date;

  /** ...and before this one. */
  @Column({ type: 'timestamptz' })
  toTime!: Date;

  @Column({ type: 'enum', enum: CdrReratingStatus, enumName: 'cdr_rerating_status' })
  status!: CdrReratingStatus;

  /** CDRs in scope, counted when the job starts. */
  @Column({ type: 'int', nullable: true })
  cdrsTotal!: number | null;

  @Column({ type: 'int', default: 0 })
  cdrsProcessed!: number;

  /** CDRs whose price, levels or rating status changed. */
  @Column({ type: 'int', default: 0 })
  cdrsChanged!: number;

  /** Unrated CDRs that became rated. */
  @Column({ type: 'int', default: 0 })
  cdrsNowRated!: number;

  /** Ledger entries posted: adjustments and first charges of levels that had none. */
  @Column({ type: 'int', default: 0 })
  entriesPosted!: number;

  @Column({ type: 'smallint', default: 0 })
  percent!: number;

  @Column({ type: 'int', default: 0 })
  errorCount!: number;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  errors!: CdrReratingError[];

  @Column({ type: 'jsonb', nullable: true })
  cursor!: CdrReratingCursor | null;

  /** Why a failed rerating failed. */
  @Column({ type: 'text', nullable: true })
  failure!: string | null;

  @Column({ type: 'jsonb' })
  requestedBy!: CdrReratingRequester;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
