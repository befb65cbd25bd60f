import { Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { Tenant } from './tenant.entity';

/**
 * The last invoice number a tenant issued. Taken by `UPDATE … RETURNING` inside the issuing transaction:
 * the row stays locked until it commits, so numbers are handed out in order and a rolled-back issue
 * gives its number back (no gaps).
 */
@Entity('invoice_sequences')
export class InvoiceSequence {
  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'CASCADE' })
  tenant!: Tenant;

  @PrimaryColumn({ type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'int', default: 0 })
  lastNumber!: number;
}
