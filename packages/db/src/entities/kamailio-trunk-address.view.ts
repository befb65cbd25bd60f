import { ViewColumn, ViewEntity } from 'typeorm';

/**
 * The source networks of active SIP trunks, as Kamailio's permissions module reads its address table.
 * Kamailio only consults it while the rating API is unreachable (the API identifies trunks itself), to
 * let a postpaid trunk's calls through: `tag` is "<billing type>:<account id>".
 */
@ViewEntity({
  name: 'kamailio_trunk_addresses',
  expression: `
    SELECT 1 AS grp, host(r.source_range)::varchar AS ip_addr, masklen(r.source_range) AS mask, 0 AS port,
           (a.billing_type::text || ':' || a.id::text)::varchar AS tag
    FROM services s
    JOIN accounts a ON a.id = s.account_id AND a.deleted_at IS NULL AND a.status = 'active'
    CROSS JOIN LATERAL unnest(s.allowed_source_ips) AS r(source_range)
    WHERE s.kind = 'sip_trunk' AND s.status = 'active' AND (s.ended_at IS NULL OR s.ended_at > now())
  `,
})
export class KamailioTrunkAddress {
  /** Address group: always 1. */
  @ViewColumn()
  grp!: number;

  @ViewColumn({ name: 'ip_addr' })
  ipAddr!: string;

  @ViewColumn()
  mask!: number;

  /** 0: any source port. */
  @ViewColumn()
  port!: number;

  @ViewColumn()
  tag!: string;
}
