import type Decimal from 'decimal.js';
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
import { moneyColumn, rateColumn } from '../decimal-column';
import { RateCard } from './rate-card.entity';
import { RatePeriod } from './rate-period.entity';

/** The unique index on (rate_card_id, prefix, period_id, effective_from), nulls not distinct. */
export const RATES_KEY = 'rates_rate_card_id_prefix_period_id_effective_from_key';

/** `up` and `down` are away from / toward zero; the `half_*` modes differ only on exact ties. */
export enum RoundingMode {
  Up = 'up',
  HalfUp = 'half_up',
  HalfEven = 'half_even',
  Down = 'down',
}

/**
 * One row of a rate deck: the price of calls to destinations starting with `prefix`, with its pulses
 * and thresholds. Versioned by effective dates: a price change is a new row from a new date, so old
 * calls can be re-rated at the price they were made at; rows are never soft-deleted.
 */
@Entity('rates')
// One unique index serves the lookups by card and prefix and the uniqueness of a rate's prefix, period
// and start. NULLS NOT DISTINCT (PostgreSQL 15) makes rates without a period collide too; TypeORM 0.3
// cannot express it, so the migration creates the index and TypeORM leaves it alone. Every index and
// check costs each row a deck import writes: this index in place of three, the tenant_id index and
// foreign key gone and the prefix check without a regex took a 1,000,000-row INSERT … SELECT from
// about 24 s to 17 s (bench/RESULTS.md, issue 5).
@Index(RATES_KEY, { synchronize: false })
// Digits only, at most 15.
@Check('rates_prefix_check', `length("prefix") <= 15 AND ltrim("prefix", '0123456789') = ''`)
@Check('rates_prices_check', '"price_per_minute" >= 0 AND "connect_fee" >= 0 AND "min_charge" >= 0')
@Check('rates_intervals_check', '"first_interval" > 0 AND "next_interval" > 0')
@Check('rates_seconds_check', '"free_seconds" >= 0 AND "no_charge_below_seconds" >= 0')
@Check('rates_rounding_decimals_check', '"rounding_decimals" BETWEEN 0 AND 6')
@Check('rates_effective_check', '"effective_to" > "effective_from"')
export class Rate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /**
   * The card's tenant, copied for tenant-scoped reads. No foreign key of its own: the card's guards it
   * (a tenant with rate cards cannot be deleted), and a second check per row cost a deck import seconds.
   */
  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => RateCard, { nullable: false, onDelete: 'CASCADE' })
  rateCard!: RateCard;

  @Column({ type: 'uuid' })
  rateCardId!: string;

  /** Null = any time. NO ACTION, not RESTRICT: deleting a card cascades to its rates and periods together. */
  @ManyToOne(() => RatePeriod, { nullable: true, onDelete: 'NO ACTION' })
  period!: RatePeriod | null;

  @Column({ type: 'uuid', nullable: true })
  periodId!: string | null;

  /** E.164 digits without `+`, at most 15; '' is a catch-all. Collation C for `LIKE '44%'` searches. */
  @Column({ type: 'text', collation: 'C' })
  prefix!: string;

  /** Destination name, e.g. "United Kingdom - Mobile". */
  @Column({ type: 'text', nullable: true })
  destination!: string | null;

  @Column(rateColumn())
  pricePerMinute!: Decimal;

  /** Charged once on answered, chargeable calls. */
  @Column(rateColumn({ default: 0 }))
  connectFee!: Decimal;

  /** Seconds billed for the first pulse (60 in 60/1, 30 in 30/6). */
  @Column({ type: 'int' })
  firstInterval!: number;

  /** Pulse length after the first one. */
  @Column({ type: 'int' })
  nextInterval!: number;

  /** Floor for the total of an answered, chargeable call. */
  @Column(moneyColumn({ default: 0 }))
  minCharge!: Decimal;

  /** Leading seconds not charged; pulses start after them. */
  @Column({ type: 'int', default: 0 })
  freeSeconds!: number;

  /** Calls shorter than this cost nothing at all: no connect fee, no minimum. */
  @Column({ type: 'int', default: 0 })
  noChargeBelowSeconds!: number;

  /** How the call total is rounded, once. */
  @Column({ type: 'enum', enum: RoundingMode, enumName: 'rounding_mode' })
  roundingMode!: RoundingMode;

  @Column({ type: 'smallint' })
  roundingDecimals!: number;

  /** In force for calls answered at or after this instant. */
  @Column({ type: 'timestamptz' })
  effectiveFrom!: Date;

  /** No longer in force for calls answered at or after this instant; null = until further notice. */
  @Column({ type: 'timestamptz', nullable: true })
  effectiveTo!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
