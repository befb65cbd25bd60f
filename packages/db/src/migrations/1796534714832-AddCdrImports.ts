import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCdrImports1796534714832 implements MigrationInterface {
  name = 'AddCdrImports1796534714832';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."cdr_import_format" AS ENUM('kamailio-acc', 'generic')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."cdr_import_status" AS ENUM(
                'queued',
                'validating',
                'enqueuing',
                'completed',
                'rejected',
                'failed'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "cdr_imports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "format" "public"."cdr_import_format" NOT NULL,
                "mapping" jsonb NOT NULL,
                "delimiter" text NOT NULL DEFAULT ',',
                "file_name" text NOT NULL,
                "file_size" bigint NOT NULL,
                "file_sha256" character(64) NOT NULL,
                "status" "public"."cdr_import_status" NOT NULL,
                "rows_read" integer NOT NULL DEFAULT '0',
                "rows_skipped" integer NOT NULL DEFAULT '0',
                "rows_validated" integer NOT NULL DEFAULT '0',
                "rows_enqueued" integer NOT NULL DEFAULT '0',
                "rows_rejected" integer NOT NULL DEFAULT '0',
                "percent" smallint NOT NULL DEFAULT '0',
                "error" text,
                "requested_by" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "started_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "cdr_imports_percent_check" CHECK (
                    "percent" BETWEEN 0 AND 100
                ),
                CONSTRAINT "PK_be4b364aa61389051ad576d3d1a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "cdr_imports_tenant_id_created_at_idx" ON "cdr_imports" ("tenant_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "cdr_import_problems" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "tenant_id" uuid NOT NULL,
                "import_id" uuid NOT NULL,
                "line" integer NOT NULL,
                "field" text NOT NULL,
                "reason" text NOT NULL,
                "value" text,
                CONSTRAINT "PK_8ebf4f42b63299e57ddda2c8957" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "cdr_import_problems_tenant_id_idx" ON "cdr_import_problems" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "cdr_import_problems_import_id_line_idx" ON "cdr_import_problems" ("import_id", "line")
        `);
    await queryRunner.query(`
            ALTER TABLE "cdr_imports"
            ADD CONSTRAINT "FK_944d94b0fb0897b4cd4cab85e16" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "cdr_import_problems"
            ADD CONSTRAINT "FK_f73a6f4f0300bd8ce64caf26699" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "cdr_import_problems"
            ADD CONSTRAINT "FK_1714c3a9018eae7d17401891cf3" FOREIGN KEY ("import_id") REFERENCES "cdr_imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "cdr_import_problems" DROP CONSTRAINT "FK_1714c3a9018eae7d17401891cf3"
        `);
    await queryRunner.query(`
            ALTER TABLE "cdr_import_problems" DROP CONSTRAINT "FK_f73a6f4f0300bd8ce64caf26699"
        `);
    await queryRunner.query(`
            ALTER TABLE "cdr_imports" DROP CONSTRAINT "FK_944d94b0fb0897b4cd4cab85e16"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."cdr_import_problems_import_id_line_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."cdr_import_problems_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "cdr_import_problems"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."cdr_imports_tenant_id_created_at_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "cdr_imports"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."cdr_import_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."cdr_import_format"
        `);
  }
}
