import type Decimal from 'decimal.js';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn } from '../decimal-column';
import { Invoice } from './invoice.entity';

export enum InvoiceLineKind {
  Calls = 'calls',
  RecurringFee = 'recurring_fee',
  DidFee = 'did_fee',
  Adjustment = 'adjustment',
  Refund = 'refund',
  /** A top-up or invoice payment: shown on the invoice, not part of its subtotal. */
  Payment = 'payment',
}

/** One line of an issued invoice; written with it and never changed. */
@Entity('invoice_lines')
@Index('invoice_lines_invoice_id_position_key', ['invoiceId', 'position'], { unique: true })
export class InvoiceLine {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Invoice, (invoice) => invoice.lines, { nullable: false, onDelete: 'RESTRICT' })
  invoice!: Invoice;

  @Column({ type: 'uuid' })
  invoiceId!: string;

  /** Order on the invoice, from 1. */
  @Column({ type: 'int' })
  position!: number;

  @Column({
    type: 'enum',
    enum: InvoiceLineKind,
    enumName: 'invoice_line_kind',
  })
  kind!: InvoiceLineKind;

  @Column({ type: 'text' })
  description!: string;

  /** Calls only: how many, and their billed seconds. */
  @Column({ type: 'int', nullable: true })
  calls!: number | null;

  @Column({ type: 'bigint', nullable: true })
  billedSeconds!: string | null;

  /** From the customer's side: a charge positive, a credit or payment negative, rounded to the currency. */
  @Column(moneyColumn())
  amount!: Decimal;
}
