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
import { Tenant } from './tenant.entity';

export enum RateCardKind {
  /** What a tenant charges its accounts (or a parent charges a reseller). */
  Sell = 'sell',
  /** What a vendor charges. */
  Buy = 'buy',
}

/** A named rate deck in one currency: its rates, tariff periods and their effective dates. */
@Entity('rate_cards')
@Index('rate_cards_tenant_id_name_key', ['tenantId', 'name'], { unique: true, where: '"deleted_at" IS NULL' })
@Check('rate_cards_currency_check', `"currency" ~ '^[A-Z]{3}$'`)
export class RateCard {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('rate_cards_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: RateCardKind, enumName: 'rate_card_kind' })
  kind!: RateCardKind;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /**
   * IANA zone of the card's own times (imports, effective dates typed as local times). Periods are
   * evaluated at rating time in the account's zone.
   */
  @Column({ type: 'text', default: 'UTC' })
  timezone!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
