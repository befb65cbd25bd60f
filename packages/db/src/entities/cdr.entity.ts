import type Decimal from 'decimal.js';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { decimalColumn } from '../decimal-column';

export enum CdrRatingStatus {
  Rated = 'rated',
  /** A level had no rate (or none in its balance's currency); `unratedReason` says which. */
  Unrated = 'unrated',
}

/** A call's price at one level, as stored in `cdrs.levels` (see `@tollgate/cdr` RatedLevel). */
export interface CdrLevel {
  kind: 'customer' | 'reseller' | 'vendor';
  partyId: string;
  tenantPath: string | null;
  price: string | null;
  currency: string | null;
  billedSeconds: number | null;
  rate: Record<string, unknown> | null;
  margin: string | null;
  problem: string | null;
}

/**
 * One rated call (Call-ID + leg). The table is partitioned by month of `startedAt` (`startMonth`), which
 * TypeORM cannot create: the table, its partitions and indexes are written by hand in the migration
 * AddCdrs, and the entity is left out of schema synchronisation. Rows are written by cdr-worker only.
 */
@Entity('cdrs', { synchronize: false })
export class Cdr {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** First day of the UTC month of `startedAt`: the partition key. */
  @PrimaryColumn({ type: 'date' })
  startMonth!: string;

  @Column({ type: 'text' })
  callId!: string;

  @Column({ type: 'text' })
  leg!: string;

  /** rating-api, call-control or rest. */
  @Column({ type: 'text' })
  source!: string;

  /** The account's tenant: who sees the row. */
  @Column({ type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'uuid' })
  accountId!: string;

  @Column({ type: 'uuid', nullable: true })
  lineId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  trunkServiceId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  didId!: string | null;

  /** outbound or inbound. */
  @Column({ type: 'text' })
  direction!: string;

  @Column({ type: 'text', nullable: true })
  caller!: string | null;

  /** E.164 digits. */
  @Column({ type: 'text' })
  destination!: string;

  @Column({ type: 'text', nullable: true })
  dialled!: string | null;

  /** Set-up time (authorize). */
  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ type: 'timestamptz' })
  endedAt!: Date;

  @Column({ type: 'integer' })
  durationSeconds!: number;

  /** The customer level's billed seconds; null when unrated. */
  @Column({ type: 'integer', nullable: true })
  billedSeconds!: number | null;

  @Column({ type: 'text' })
  disposition!: string;

  @Column({ type: 'integer', nullable: true })
  sipCode!: number | null;

  @Column({ type: 'text', nullable: true })
  endCause!: string | null;

  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  vendorTrunkId!: string | null;

  /** The account's currency. */
  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** The customer's final price; null when the customer level could not be rated. */
  @Column(decimalColumn(20, 8, { nullable: true }))
  price!: Decimal | null;

  /** What the credit pool took live; the ledger posts the price, the pool is settled by the difference. */
  @Column(decimalColumn(20, 8, { nullable: true }))
  liveCharged!: Decimal | null;

  @Column(decimalColumn(20, 8, { nullable: true }))
  vendorCost!: Decimal | null;

  @Column({ type: 'char', length: 3, nullable: true })
  vendorCurrency!: string | null;

  @Column({ type: 'enum', enum: CdrRatingStatus, enumName: 'cdr_rating_status' })
  ratingStatus!: CdrRatingStatus;

  @Column({ type: 'text', nullable: true })
  unratedReason!: string | null;

  /** Every level's price, rate snapshot, billed seconds and margin, customer first, vendor last. */
  @Column({ type: 'jsonb' })
  levels!: CdrLevel[];

  /**
   * How many reratings changed this CDR's charges: the ledger keys of its adjustments end in it
   * (`cdr-rerate:<leg>:<level>:<party>:<revision>:<Call-ID>`), see docs/cdrs.md.
   */
  @Column({ type: 'integer', default: 0 })
  ratingRevision!: number;

  /** When a rerating last changed the CDR. */
  @Column({ type: 'timestamptz', nullable: true })
  reratedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
