import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand, not generated: TypeORM cannot create a partitioned table (the `Cdr` entity is left
 * out of schema synchronisation for that reason). `cdrs` is partitioned by month of the call's start;
 * cdr-worker creates each month's partition before writing to it, with `tollgate_ensure_cdr_partition`.
 * Unique keys of a partitioned table must hold the partition key: (call_id, leg, start_month) is the
 * natural key that makes a replayed CDR insert nothing.
 */
export class AddCdrs1796523631852 implements MigrationInterface {
  name = 'AddCdrs1796523631852';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."cdr_rating_status" AS ENUM('rated', 'unrated')`);
    await queryRunner.query(`
      CREATE TABLE "cdrs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "start_month" date NOT NULL,
        "call_id" text NOT NULL,
        "leg" text NOT NULL,
        "source" text NOT NULL,
        "tenant_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "line_id" uuid,
        "trunk_service_id" uuid,
        "did_id" uuid,
        "direction" text NOT NULL,
        "caller" text,
        "destination" text NOT NULL,
        "dialled" text,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "answered_at" TIMESTAMP WITH TIME ZONE,
        "ended_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "duration_seconds" integer NOT NULL,
        "billed_seconds" integer,
        "disposition" text NOT NULL,
        "sip_code" integer,
        "end_cause" text,
        "vendor_id" uuid,
        "vendor_trunk_id" uuid,
        "currency" character(3) NOT NULL,
        "price" numeric(20,8),
        "live_charged" numeric(20,8),
        "vendor_cost" numeric(20,8),
        "vendor_currency" character(3),
        "rating_status" "public"."cdr_rating_status" NOT NULL,
        "unrated_reason" text,
        "levels" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "cdrs_pkey" PRIMARY KEY ("id", "start_month"),
        CONSTRAINT "cdrs_call_id_leg_start_month_key" UNIQUE ("call_id", "leg", "start_month"),
        CONSTRAINT "cdrs_start_month_check"
          CHECK ("start_month" = date_trunc('month', "started_at" AT TIME ZONE 'UTC')::date),
        CONSTRAINT "cdrs_direction_check" CHECK ("direction" IN ('outbound', 'inbound')),
        CONSTRAINT "cdrs_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
        CONSTRAINT "cdrs_unrated_reason_check"
          CHECK (("rating_status" = 'unrated') = ("unrated_reason" IS NOT NULL))
      ) PARTITION BY RANGE ("start_month")
    `);
    // Indexes on the parent are created on every partition, present and future.
    await queryRunner.query(
      `CREATE INDEX "cdrs_account_id_started_at_idx" ON "cdrs" ("account_id", "started_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "cdrs_tenant_id_started_at_idx" ON "cdrs" ("tenant_id", "started_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "cdrs_destination_idx" ON "cdrs" ("destination" text_pattern_ops, "started_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "cdrs_vendor_id_started_at_idx" ON "cdrs" ("vendor_id", "started_at") WHERE "vendor_id" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "cdrs_started_at_idx" ON "cdrs" ("started_at")`);
    await queryRunner.query(
      `CREATE INDEX "cdrs_unrated_idx" ON "cdrs" ("started_at") WHERE "rating_status" = 'unrated'`,
    );
    // Look-ups by Call-ID alone use the leading column of cdrs_call_id_leg_start_month_key.
    await queryRunner.query(`
      CREATE FUNCTION tollgate_ensure_cdr_partition(month date) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        first_day date := date_trunc('month', month)::date;
        partition_name text := format('cdrs_y%sm%s', to_char(first_day, 'YYYY'), to_char(first_day, 'MM'));
      BEGIN
        IF to_regclass(partition_name) IS NOT NULL THEN RETURN; END IF;
        EXECUTE format('CREATE TABLE %I PARTITION OF cdrs FOR VALUES FROM (%L) TO (%L)',
          partition_name, first_day, (first_day + interval '1 month')::date);
      EXCEPTION WHEN duplicate_table THEN
        -- another worker created it first
      END $$
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION tollgate_ensure_cdr_partition(date)`);
    await queryRunner.query(`DROP TABLE "cdrs"`);
    await queryRunner.query(`DROP TYPE "public"."cdr_rating_status"`);
  }
}
