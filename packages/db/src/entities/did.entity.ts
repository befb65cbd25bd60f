import type Decimal from 'decimal.js';
import {
  Check,
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { moneyColumn, rateColumn } from '../decimal-column';
import { Account } from './account.entity';
import { Line } from './line.entity';
import { Service } from './service.entity';
import { Tenant } from './tenant.entity';
import { Vendor } from './vendor.entity';

export enum DidStatus {
  Available = 'available',
  Reserved = 'reserved',
  Assigned = 'assigned',
  PortingIn = 'porting_in',
  PortingOut = 'porting_out',
  Quarantined = 'quarantined',
}

/** Where an inbound call to the number goes. */
export enum DidRouteKind {
  Line = 'line',
  Trunk = 'trunk',
  Uri = 'uri',
}

/**
 * A phone number in the inventory (DID): bought from a vendor at buy prices, sold to an account at sell
 * prices, reserved until a time, assigned, ported, or quarantined after release before it can be reused.
 */
@Entity('dids')
@Index('dids_number_key', ['number'], { unique: true, where: '"deleted_at" IS NULL' })
@Index('dids_tenant_id_status_idx', ['tenantId', 'status'])
@Check('dids_number_check', `"number" ~ '^[1-9][0-9]{5,14}$'`)
@Check('dids_country_check', `"country" ~ '^[A-Z]{2}$'`)
@Check('dids_currency_check', `"currency" ~ '^[A-Z]{3}$'`)
@Check(
  'dids_fees_check',
  '"buy_setup_fee" >= 0 AND "buy_monthly_fee" >= 0 AND "buy_per_minute" >= 0 AND "sell_setup_fee" >= 0 AND "sell_monthly_fee" >= 0 AND "sell_per_minute" >= 0',
)
@Check(
  'dids_account_check',
  `("status" IN ('assigned', 'reserved', 'porting_in', 'porting_out')) = ("account_id" IS NOT NULL)`,
)
@Check(
  'dids_route_check',
  `("route_kind" IS NULL) OR ("route_kind" = 'line' AND "route_line_id" IS NOT NULL) OR ("route_kind" = 'trunk' AND "route_service_id" IS NOT NULL) OR ("route_kind" = 'uri' AND "route_uri" IS NOT NULL)`,
)
export class Did {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Column({ type: 'uuid' })
  tenantId!: string;

  /** E.164 digits without "+". */
  @Column({ type: 'text', collation: 'C' })
  number!: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
  country!: string;

  @ManyToOne(() => Vendor, { nullable: true, onDelete: 'RESTRICT' })
  vendor!: Vendor | null;

  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column(moneyColumn({ default: 0 }))
  buySetupFee!: Decimal;

  @Column(moneyColumn({ default: 0 }))
  buyMonthlyFee!: Decimal;

  /** Per minute of inbound calls, charged by the vendor. */
  @Column(rateColumn({ default: 0 }))
  buyPerMinute!: Decimal;

  @Column(moneyColumn({ default: 0 }))
  sellSetupFee!: Decimal;

  @Column(moneyColumn({ default: 0 }))
  sellMonthlyFee!: Decimal;

  /** Per minute of inbound calls, charged to the account. */
  @Column(rateColumn({ default: 0 }))
  sellPerMinute!: Decimal;

  @Column({ type: 'enum', enum: DidStatus, enumName: 'did_status', default: DidStatus.Available })
  status!: DidStatus;

  /** The account holding it: assigned, reserved for, or porting for. */
  @ManyToOne(() => Account, { nullable: true, onDelete: 'RESTRICT' })
  account!: Account | null;

  @Index('dids_account_id_idx')
  @Column({ type: 'uuid', nullable: true })
  accountId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reservedUntil!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  quarantinedUntil!: Date | null;

  @Column({ type: 'enum', enum: DidRouteKind, enumName: 'did_route_kind', nullable: true })
  routeKind!: DidRouteKind | null;

  @ManyToOne(() => Line, { nullable: true, onDelete: 'RESTRICT' })
  routeLine!: Line | null;

  @Column({ type: 'uuid', nullable: true })
  routeLineId!: string | null;

  @ManyToOne(() => Service, { nullable: true, onDelete: 'RESTRICT' })
  routeService!: Service | null;

  @Column({ type: 'uuid', nullable: true })
  routeServiceId!: string | null;

  /** A SIP URI for `uri` routes, e.g. sip:ivr@pbx.example.net */
  @Column({ type: 'text', nullable: true })
  routeUri!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
