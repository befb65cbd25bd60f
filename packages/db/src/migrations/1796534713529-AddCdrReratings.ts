import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated for `cdr_reratings`; the two `cdrs` columns are written by hand (the partitioned table is
 * left out of schema synchronisation, see AddCdrs). A constant default adds them without rewriting rows.
 */
export class AddCdrReratings1796534713529 implements MigrationInterface {
  name = 'AddCdrReratings1796534713529';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."cdr_rerating_mode" AS ENUM('all', 'unrated')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."cdr_rerating_status" AS ENUM('queued', 'running', 'completed', 'failed')
        `);
    await queryRunner.query(`
            CREATE TABLE "cdr_reratings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "account_id" uuid,
                "rate_card_id" uuid,
                "mode" "public"."cdr_rerating_mode" NOT NULL,
                "from_time" TIMESTAMP WITH TIME ZONE NOT NULL,
                "to_time" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" "public"."cdr_rerating_status" NOT NULL,
                "cdrs_total" integer,
                "cdrs_processed" integer NOT NULL DEFAULT '0',
                "cdrs_changed" integer NOT NULL DEFAULT '0',
                "cdrs_now_rated" integer NOT NULL DEFAULT '0',
                "entries_posted" integer NOT NULL DEFAULT '0',
                "percent" smallint NOT NULL DEFAULT '0',
                "error_count" integer NOT NULL DEFAULT '0',
                "errors" jsonb NOT NULL DEFAULT '[]',
                "cursor" jsonb,
                "failure" text,
                "requested_by" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "started_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "cdr_reratings_period_check" CHECK ("from_time" < "to_time"),
                CONSTRAINT "cdr_reratings_percent_check" CHECK (
                    "percent" BETWEEN 0 AND 100
                ),
                CONSTRAINT "PK_18a9737773975ba0e68502234ce" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "cdr_reratings_tenant_id_created_at_idx" ON "cdr_reratings" ("tenant_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "cdr_reratings"
            ADD CONSTRAINT "FK_6e887f7d08e3b677cfd21755a52" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "cdrs"
            ADD "rating_revision" integer NOT NULL DEFAULT 0,
            ADD "rerated_at" TIMESTAMP WITH TIME ZONE
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "cdrs" DROP COLUMN "rerated_at", DROP COLUMN "rating_revision"
        `);
    await queryRunner.query(`
            ALTER TABLE "cdr_reratings" DROP CONSTRAINT "FK_6e887f7d08e3b677cfd21755a52"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."cdr_reratings_tenant_id_created_at_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "cdr_reratings"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."cdr_rerating_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."cdr_rerating_mode"
        `);
  }
}
