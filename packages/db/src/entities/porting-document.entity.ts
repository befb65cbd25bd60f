import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PortingRequest } from './porting-request.entity';
import { Tenant } from './tenant.entity';

/**
 * A file supporting a porting request (letter of authorisation, a bill of the losing carrier). The bytes
 * are on disk under PORTING_DOCUMENTS_DIR, at `storageKey`; the row says what they are.
 */
@Entity('porting_documents')
@Check('porting_documents_size_check', `"size_bytes" > 0`)
export class PortingDocument {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => PortingRequest, { nullable: false, onDelete: 'RESTRICT' })
  request!: PortingRequest;

  @Index('porting_documents_request_id_idx')
  @Column({ type: 'uuid' })
  requestId!: string;

  /** The name the uploader gave, for display and download only: never a path on disk. */
  @Column({ type: 'text' })
  fileName!: string;

  /** The type found in the content: application/pdf, image/png or image/jpeg. */
  @Column({ type: 'text' })
  contentType!: string;

  @Column({ type: 'integer' })
  sizeBytes!: number;

  /** Hex SHA-256 of the content. */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  /** Path relative to the documents directory. */
  @Column({ type: 'text' })
  storageKey!: string;

  @Column({ type: 'uuid', nullable: true })
  uploadedByUserId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  uploadedByApiKeyId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
