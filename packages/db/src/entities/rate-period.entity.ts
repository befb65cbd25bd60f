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

/** How a period treats holidays (the tenant's `holidays`). */
export enum PeriodHolidays {
  /** Holidays or not: only weekdays and times decide. */
  Yes = 'yes',
  /** Never in force on a holiday. */
  No = 'no',
  /** In force on holidays only. */
  Only = 'only',
}

/**
 * A time-of-day / day-of-week tariff period of a rate card ("peak", "off-peak", "weekend"), read in
 * the account's time zone. Periods are tried by ascending `position`; the first that matches is in force.
 */
@Entity('rate_periods')
@Index('rate_periods_rate_card_id_name_key', ['rateCardId', 'name'], { unique: true })
@Check('rate_periods_weekdays_check', `"weekdays" <@ '{1,2,3,4,5,6,7}'::smallint[]`)
@Check(
  'rate_periods_window_check',
  `("start_time" IS NULL AND "end_time" IS NULL) OR ` +
    `("start_time" IS NOT NULL AND "end_time" IS NOT NULL AND "start_time" <> "end_time" AND "start_time" < '24:00')`,
)
export class RatePeriod {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('rate_periods_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => RateCard, { nullable: false, onDelete: 'CASCADE' })
  rateCard!: RateCard;

  @Column({ type: 'uuid' })
  rateCardId!: string;

  /** Unique on the card; rates refer to the period by id, the rating engine by this name. */
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'int', default: 0 })
  position!: number;

  /** ISO weekdays (1 = Monday … 7 = Sunday); empty = every day. */
  @Column({ type: 'smallint', array: true, default: [] })
  weekdays!: number[];

  /**
   * Local time window [start, end); both null = all day. `end` may be 24:00; end before start wraps
   * past midnight (22:00–06:00).
   */
  @Column({ type: 'time', nullable: true })
  startTime!: string | null;

  @Column({ type: 'time', nullable: true })
  endTime!: string | null;

  @Column({ type: 'enum', enum: PeriodHolidays, enumName: 'period_holidays', default: PeriodHolidays.Yes })
  appliesOnHolidays!: PeriodHolidays;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
