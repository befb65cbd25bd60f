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
import type { RateDeckImportRequester } from './rate-deck-import.entity';
import { Tenant } from './tenant.entity';

export enum CdrImportFormat {
  /** Kamailio's acc records, one row per transaction, the INVITE's carrying the call (docs/cdrs.md). */
  KamailioAcc = 'kamailio-acc',
  /** Any CSV, its columns named by the import's mapping. */
  Generic = 'generic',
}

export enum CdrImportStatus {
  Queued = 'queued',
  /** Reading the file, checking every row and identifying its account. */
  Validating = 'validating',
  /** Every row is good: handing the calls to the CDR queue. */
  Enqueuing = 'enqueuing',
  Completed = 'completed',
  /** At least one bad row: nothing was queued; the problems say which and why. */
  Rejected = 'rejected',
  /** The job itself failed (database or Redis error) after its last attempt. */
  Failed = 'failed',
}

/**
 * One upload of a switch's CDR file, run as a job: its options, its progress (kept here, so it outlives
 * the process that runs it) and its outcome. Bad rows are in cdr_import_problems. The calls themselves
 * go to the CDR queue keyed by Call-ID + leg, like every other source.
 */
@Entity('cdr_imports')
@Index('cdr_imports_tenant_id_created_at_idx', ['tenantId', 'createdAt'])
@Check('cdr_imports_percent_check', '"percent" BETWEEN 0 AND 100')
export class CdrImport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  /** The importer's tenant: rows may name accounts of it and of the resellers below it. */
  @Column({ type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'enum', enum: CdrImportFormat, enumName: 'cdr_import_format' })
  format!: CdrImportFormat;

  /** Generic CSV: the header of each field in the file (field → header). */
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

  @Column({ type: 'enum', enum: CdrImportStatus, enumName: 'cdr_import_status' })
  status!: CdrImportStatus;

  /** Data rows read from the file so far. */
  @Column({ type: 'int', default: 0 })
  rowsRead!: number;

  /** Rows that are not calls (acc's BYE, ACK… records). */
  @Column({ type: 'int', default: 0 })
  rowsSkipped!: number;

  /** Calls that passed every check so far. */
  @Column({ type: 'int', default: 0 })
  rowsValidated!: number;

  /** Calls handed to the CDR queue so far. */
  @Column({ type: 'int', default: 0 })
  rowsEnqueued!: number;

  /** Rows with at least one problem. */
  @Column({ type: 'int', default: 0 })
  rowsRejected!: number;

  @Column({ type: 'smallint', default: 0 })
  percent!: number;

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
