import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand, not generated: triggers on the partitioned `cdrs` table and tables no entity maps
 * (the aggregates are read and written with SQL only, by cdr-worker and the dashboard).
 *
 * Statement-level triggers with transition tables (PostgreSQL fires them on the partitioned parent for
 * rows of every partition): an insert appends the new CDRs' keys to `cdr_aggregate_new_cdrs` (cdr-worker
 * adds them to the aggregates), an update (rerating) or a delete appends the UTC hours it touched to
 * `cdr_aggregate_dirty_hours` (cdr-worker recomputes them). Both logs are append-only on purpose: a writer
 * never waits on another writer's entry, and an entry committed after the aggregator read the log stays
 * there for the next round, so no CDR is ever missed.
 */
export class AddCdrAggregates1796534350171 implements MigrationInterface {
  name = 'AddCdrAggregates1796534350171';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "cdr_aggregate_dirty_hours" (
        "id" bigserial PRIMARY KEY,
        "hour" TIMESTAMP WITH TIME ZONE NOT NULL
      )
    `);
    await queryRunner.query(`
      CREATE TABLE "cdr_aggregate_new_cdrs" (
        "cdr_id" uuid NOT NULL,
        "start_month" date NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL
      )
    `);
    for (const [table, granularity] of [
      ['cdr_hourly_aggregates', 'TIMESTAMP WITH TIME ZONE'],
      ['cdr_daily_aggregates', 'date'],
    ] as const) {
      // One row per viewpoint tenant (the owner and every reseller above the account) and dimensions.
      await queryRunner.query(`
        CREATE TABLE "${table}" (
          "bucket" ${granularity} NOT NULL,
          "tenant_id" uuid NOT NULL,
          "account_id" uuid NOT NULL,
          "via_tenant_id" uuid,
          "vendor_id" uuid,
          "destination" text,
          "direction" text NOT NULL,
          "currency" character(3) NOT NULL,
          "calls" integer NOT NULL,
          "answered_calls" integer NOT NULL,
          "incomplete_calls" integer NOT NULL,
          "duration_seconds" bigint NOT NULL,
          "billed_seconds" bigint NOT NULL,
          "revenue" numeric(24,8) NOT NULL,
          "cost" numeric(24,8) NOT NULL,
          "margin" numeric(24,8) NOT NULL,
          CONSTRAINT "${table}_key" UNIQUE NULLS NOT DISTINCT
            ("bucket", "tenant_id", "account_id", "via_tenant_id", "vendor_id", "destination", "direction", "currency")
        )
      `);
      await queryRunner.query(
        `CREATE INDEX "${table}_tenant_id_bucket_idx" ON "${table}" ("tenant_id", "bucket")`,
      );
    }
    for (const [operation, rows] of [
      ['insert', 'new_rows'],
      ['update', 'new_rows'],
      ['delete', 'old_rows'],
    ] as const) {
      const touched =
        operation === 'update'
          ? `SELECT started_at FROM new_rows UNION ALL SELECT started_at FROM old_rows`
          : `SELECT started_at FROM ${rows}`;
      const log =
        operation === 'insert'
          ? `INSERT INTO cdr_aggregate_new_cdrs (cdr_id, start_month, started_at)
             SELECT id, start_month, started_at FROM new_rows`
          : `INSERT INTO cdr_aggregate_dirty_hours (hour)
             SELECT DISTINCT date_trunc('hour', touched.started_at) FROM (${touched}) touched`;
      await queryRunner.query(`
        CREATE FUNCTION tollgate_log_cdr_changes_on_${operation}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${log};
          RETURN NULL;
        END $$
      `);
      const referencing =
        operation === 'update'
          ? 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'
          : `REFERENCING ${operation === 'insert' ? 'NEW' : 'OLD'} TABLE AS ${rows}`;
      await queryRunner.query(`
        CREATE TRIGGER "cdrs_log_aggregate_changes_on_${operation}" AFTER ${operation.toUpperCase()} ON "cdrs"
        ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION tollgate_log_cdr_changes_on_${operation}()
      `);
    }
    // CDRs stored before the aggregates existed are aggregated by the worker's first rounds.
    await queryRunner.query(`
      INSERT INTO cdr_aggregate_dirty_hours (hour) SELECT DISTINCT date_trunc('hour', started_at) FROM cdrs
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const operation of ['insert', 'update', 'delete']) {
      await queryRunner.query(`DROP TRIGGER "cdrs_log_aggregate_changes_on_${operation}" ON "cdrs"`);
      await queryRunner.query(`DROP FUNCTION tollgate_log_cdr_changes_on_${operation}()`);
    }
    await queryRunner.query(`DROP TABLE "cdr_daily_aggregates"`);
    await queryRunner.query(`DROP TABLE "cdr_hourly_aggregates"`);
    await queryRunner.query(`DROP TABLE "cdr_aggregate_dirty_hours"`);
    await queryRunner.query(`DROP TABLE "cdr_aggregate_new_cdrs"`);
  }
}
