import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CdrImport } from './cdr-import.entity';
import { Tenant } from './tenant.entity';

/** One reason a row of a CDR file was rejected: its line in the file, the column and why. */
@Entity('cdr_import_problems')
@Index('cdr_import_problems_import_id_line_idx', ['importId', 'line'])
export class CdrImportProblem {
  // A sequence, not a UUID: a bad file writes its problems in order, possibly very many.
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('cdr_import_problems_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => CdrImport, { nullable: false, onDelete: 'CASCADE' })
  import!: CdrImport;

  @Column({ type: 'uuid' })
  importId!: string;

  /** Line in the CSV file (the header is line 1). */
  @Column({ type: 'int' })
  line!: number;

  /** The field (generic: callId, destination…; acc: the column) or `file` for the file as a whole. */
  @Column({ type: 'text' })
  field!: string;

  @Column({ type: 'text' })
  reason!: string;

  /** The text found in the cell, cut to 200 characters. */
  @Column({ type: 'text', nullable: true })
  value!: string | null;
}
