import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddKamailioViews1795463347026 implements MigrationInterface {
  name = 'AddKamailioViews1795463347026';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE VIEW "kamailio_subscribers" AS
            SELECT l.username::varchar AS username,
                d.name::varchar AS domain,
                l.ha1::varchar AS ha1,
                l.ha1b::varchar AS ha1b,
                l.account_id::varchar AS account_id,
                a.billing_type::varchar AS billing_type,
                (
                    l.status = 'active'
                    AND d.enabled
                    AND a.status = 'active'
                )::int AS active
            FROM lines l
                JOIN domains d ON d.id = l.domain_id
                AND d.deleted_at IS NULL
                JOIN accounts a ON a.id = l.account_id
                AND a.deleted_at IS NULL
            WHERE l.deleted_at IS NULL
        `);
    await queryRunner.query(
      `
            INSERT INTO "typeorm_metadata"(
                    "database",
                    "schema",
                    "table",
                    "type",
                    "name",
                    "value"
                )
            VALUES (DEFAULT, $1, DEFAULT, $2, $3, $4)
        `,
      [
        'public',
        'VIEW',
        'kamailio_subscribers',
        "SELECT l.username::varchar AS username, d.name::varchar AS domain, l.ha1::varchar AS ha1,\n           l.ha1b::varchar AS ha1b, l.account_id::varchar AS account_id,\n           a.billing_type::varchar AS billing_type,\n           (l.status = 'active' AND d.enabled AND a.status = 'active')::int AS active\n    FROM lines l\n    JOIN domains d ON d.id = l.domain_id AND d.deleted_at IS NULL\n    JOIN accounts a ON a.id = l.account_id AND a.deleted_at IS NULL\n    WHERE l.deleted_at IS NULL",
      ],
    );
    await queryRunner.query(`
            CREATE VIEW "kamailio_table_versions" AS
            SELECT 'kamailio_trunk_addresses'::varchar AS table_name,
                6 AS table_version
        `);
    await queryRunner.query(
      `
            INSERT INTO "typeorm_metadata"(
                    "database",
                    "schema",
                    "table",
                    "type",
                    "name",
                    "value"
                )
            VALUES (DEFAULT, $1, DEFAULT, $2, $3, $4)
        `,
      [
        'public',
        'VIEW',
        'kamailio_table_versions',
        "SELECT 'kamailio_trunk_addresses'::varchar AS table_name, 6 AS table_version",
      ],
    );
    await queryRunner.query(`
            CREATE VIEW "kamailio_trunk_addresses" AS
            SELECT 1 AS grp,
                host(r.source_range)::varchar AS ip_addr,
                masklen(r.source_range) AS mask,
                0 AS port,
                (a.billing_type::text || ':' || a.id::text)::varchar AS tag
            FROM services s
                JOIN accounts a ON a.id = s.account_id
                AND a.deleted_at IS NULL
                AND a.status = 'active'
                CROSS JOIN LATERAL unnest(s.allowed_source_ips) AS r(source_range)
            WHERE s.kind = 'sip_trunk'
                AND s.status = 'active'
                AND (
                    s.ended_at IS NULL
                    OR s.ended_at > now()
                )
        `);
    await queryRunner.query(
      `
            INSERT INTO "typeorm_metadata"(
                    "database",
                    "schema",
                    "table",
                    "type",
                    "name",
                    "value"
                )
            VALUES (DEFAULT, $1, DEFAULT, $2, $3, $4)
        `,
      [
        'public',
        'VIEW',
        'kamailio_trunk_addresses',
        "SELECT 1 AS grp, host(r.source_range)::varchar AS ip_addr, masklen(r.source_range) AS mask, 0 AS port,\n           (a.billing_type::text || ':' || a.id::text)::varchar AS tag\n    FROM services s\n    JOIN accounts a ON a.id = s.account_id AND a.deleted_at IS NULL AND a.status = 'active'\n    CROSS JOIN LATERAL unnest(s.allowed_source_ips) AS r(source_range)\n    WHERE s.kind = 'sip_trunk' AND s.status = 'active' AND (s.ended_at IS NULL OR s.ended_at > now())",
      ],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `
            DELETE FROM "typeorm_metadata"
            WHERE "type" = $1
                AND "name" = $2
                AND "schema" = $3
        `,
      ['VIEW', 'kamailio_trunk_addresses', 'public'],
    );
    await queryRunner.query(`
            DROP VIEW "kamailio_trunk_addresses"
        `);
    await queryRunner.query(
      `
            DELETE FROM "typeorm_metadata"
            WHERE "type" = $1
                AND "name" = $2
                AND "schema" = $3
        `,
      ['VIEW', 'kamailio_table_versions', 'public'],
    );
    await queryRunner.query(`
            DROP VIEW "kamailio_table_versions"
        `);
    await queryRunner.query(
      `
            DELETE FROM "typeorm_metadata"
            WHERE "type" = $1
                AND "name" = $2
                AND "schema" = $3
        `,
      ['VIEW', 'kamailio_subscribers', 'public'],
    );
    await queryRunner.query(`
            DROP VIEW "kamailio_subscribers"
        `);
  }
}
