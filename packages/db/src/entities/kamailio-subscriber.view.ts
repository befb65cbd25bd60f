import { ViewColumn, ViewEntity } from 'typeorm';

/**
 * What Kamailio's auth_db reads (infra/kamailio/kamailio.cfg): the digest credentials of every line that
 * is not deleted, with its account's billing type for the calls Kamailio lets through while the rating
 * API is unreachable (only an `active` postpaid line's). Text columns are varchar: Kamailio's PostgreSQL
 * driver reads `text` as a blob, which its modules refuse.
 */
@ViewEntity({
  name: 'kamailio_subscribers',
  expression: `
    SELECT l.username::varchar AS username, d.name::varchar AS domain, l.ha1::varchar AS ha1,
           l.ha1b::varchar AS ha1b, l.account_id::varchar AS account_id,
           a.billing_type::varchar AS billing_type,
           (l.status = 'active' AND d.enabled AND a.status = 'active')::int AS active
    FROM lines l
    JOIN domains d ON d.id = l.domain_id AND d.deleted_at IS NULL
    JOIN accounts a ON a.id = l.account_id AND a.deleted_at IS NULL
    WHERE l.deleted_at IS NULL
  `,
})
export class KamailioSubscriber {
  @ViewColumn()
  username!: string;

  /** The digest realm. */
  @ViewColumn()
  domain!: string;

  @ViewColumn()
  ha1!: string;

  @ViewColumn()
  ha1b!: string;

  @ViewColumn({ name: 'account_id' })
  accountId!: string;

  @ViewColumn({ name: 'billing_type' })
  billingType!: string;

  /** 1 when the line, its domain and its account are all active. */
  @ViewColumn()
  active!: number;
}
