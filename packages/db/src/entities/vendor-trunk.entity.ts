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
import { Vendor } from './vendor.entity';

export enum SipTransport {
  Udp = 'udp',
  Tcp = 'tcp',
  Tls = 'tls',
}

/** A gateway of a vendor that Kamailio relays calls to, with the number rewriting the vendor expects. */
@Entity('vendor_trunks')
@Check('vendor_trunks_port_check', '"port" BETWEEN 1 AND 65535')
@Check('vendor_trunks_strip_digits_check', '"strip_digits" >= 0')
@Check('vendor_trunks_max_channels_check', '"max_channels" >= 0')
@Check('vendor_trunks_timeout_seconds_check', '"timeout_seconds" > 0')
export class VendorTrunk {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Tenant, { nullable: false, onDelete: 'RESTRICT' })
  tenant!: Tenant;

  @Index('vendor_trunks_tenant_id_idx')
  @Column({ type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => Vendor, { nullable: false, onDelete: 'CASCADE' })
  vendor!: Vendor;

  @Index('vendor_trunks_vendor_id_idx')
  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Host name or IP address of the gateway. */
  @Column({ type: 'text' })
  host!: string;

  @Column({ type: 'int', default: 5060 })
  port!: number;

  @Column({ type: 'enum', enum: SipTransport, enumName: 'sip_transport', default: SipTransport.Udp })
  transport!: SipTransport;

  /** Leading digits removed from the E.164 number before `addPrefix` is put in front. */
  @Column({ type: 'int', default: 0 })
  stripDigits!: number;

  @Column({ type: 'text', default: '' })
  addPrefix!: string;

  /** Concurrent calls the gateway accepts; null = unlimited. */
  @Column({ type: 'int', nullable: true })
  maxChannels!: number | null;

  /** Seconds Kamailio waits on this gateway before failing over to the next carrier. */
  @Column({ type: 'int', default: 30 })
  timeoutSeconds!: number;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
