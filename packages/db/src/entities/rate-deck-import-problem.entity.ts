import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RateDeckImport } from './rate-deck-import.entity';
import { Tenant } from './tenant.entity';

/** One reason a row of a rate deck was rejected: its line in the file, the field and why. */
@Entity('rate_deck_import_problems')
@Index('rate_deck_import_problems_import_id_line_idx', ['importId', 'line'])
export class RateDeckImportProblem {
  // A sequence, not a UUID: a file of a million bad rows writes a million problems, in order.
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('rate_deck_import_problems_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => RateDeckImport, { nullable: false, onDelete: 'CASCADE' })
  import!: RateDeckImport;

  @Column({ type: 'uuid' })
  importId!: string;

  /** Line in a CSV file, row number in an XLSX sheet (the header is line 1). */
  @Column({ type: 'int' })
  line!: number;

  /** The field (as the API names it: prefix, pricePerMinute…) or `file` for the file as a whole. */
  @Column({ type: 'text' })
  field!: string;

  @Column({ type: 'text' })
  reason!: string;

  /** The text found in the cell, cut to 200 characters. */
  @Column({ type: 'text', nullable: true })
  value!: string | null;
}
