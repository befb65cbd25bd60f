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
import { RateCard } from './rate-card.entity';
import { Tenant } from './tenant.entity';

export enum RateDeckFormat {
  Csv = 'csv',
  Xlsx = 'xlsx',
}

export enum RateDeckImportMode {
  /** From the import's effective date on, the card's rates are the file's. */
  Replace = 'replace',
  /** From the import's effective date on, the file's prefixes get the file's rates; other prefixes keep theirs. */
  Merge = 'merge',
}

export enum RateDeckImportStatus {
  Queued = 'queued',
  /** Reading the file and checking every row. */
  Validating = 'validating',
  /** Writing the rates, in one transaction. */
  Applying = 'applying',
  Completed = 'completed',
  /** At least one bad row: nothing was written; the problems say which and why. */
  Rejected = 'rejected',
  /** The job itself failed (unreadable file, database error); nothing was written. */
  Failed = 'failed',
}

/** Who asked for the import, kept for the audit entry written when the job applies it. */
export interface RateDeckImportRequester {
  kind: 'user' | 'api_key' | 'schedule';
  id: string;
  tenantId: string;
  tenantPath: string;
  ip: string;
  userAgent: string | null;
  requestId: string;
}

/** What an applied import did to the card's rates. */
export interface RateDeckImportOutcome {
  created: number;
  updated: number;
  /** Rates in force at the effective date that now end there. */
  ended: number;
  /** Rates that would have started at or after the effective date and are not in the file. */
  deleted: number;
  unchanged: number;
}

/**
 * One upload of a rate deck (CSV or XLSX) into a rate card, run as a job: its options, its progress
 * (kept here, so it outlives the process that runs it) and its outcome. Bad rows are in
 * rate_deck_import_problems.
 */
@Entity('rate_deck_imports')
@Index('rate_deck_imports_rate_card_id_created_at_idx', ['rateCardId', 'createdAt'])
@Check('rate_deck_imports_percent_check', '"percent" BETWEEN 0 AND 100')
export class RateDeckImport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('rate_deck_imports_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => RateCard, { nullable: false, onDelete: 'CASCADE' })
  rateCard!: RateCard;

  @Column({ type: 'uuid' })
  rateCardId!: string;

  @Column({ type: 'enum', enum: RateDeckFormat, enumName: 'rate_deck_format' })
  format!: RateDeckFormat;

  @Column({ type: 'enum', enum: RateDeckImportMode, enumName: 'rate_deck_import_mode' })
  mode!: RateDeckImportMode;

  /** Where the file's rows start (rows without their own effective_from) and the old rates end. */
  @Column({ type: 'timestamptz' })
  effectiveFrom!: Date;

  /** Column header of each field in the file (field → header). */
  @Column({ type: 'jsonb' })
  mapping!: Record<string, string>;

  /** CSV field separator. */
  @Column({ type: 'text', default: ',' })
  delimiter!: string;

  @Column({ type: 'text' })
  fileName!: string;

  /** Bytes, as received. */
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  fileSize!: number;

  @Column({ type: 'char', length: 64 })
  fileSha256!: string;

  @Column({ type: 'enum', enum: RateDeckImportStatus, enumName: 'rate_deck_import_status' })
  status!: RateDeckImportStatus;

  /** Data rows read from the file so far. */
  @Column({ type: 'int', default: 0 })
  rowsRead!: number;

  /** Rows that passed every check so far. */
  @Column({ type: 'int', default: 0 })
  rowsValidated!: number;

  /** Rows written (created or updated) so far. */
  @Column({ type: 'int', default: 0 })
  rowsWritten!: number;

  /** Rows with at least one problem. */
  @Column({ type: 'int', default: 0 })
  rowsRejected!: number;

  @Column({ type: 'smallint', default: 0 })
  percent!: number;

  /** Set once completed. */
  @Column({ type: 'jsonb', nullable: true })
  outcome!: RateDeckImportOutcome | null;

  /** Why a failed import failed. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'jsonb' })
  requestedBy!: RateDeckImportRequester;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
