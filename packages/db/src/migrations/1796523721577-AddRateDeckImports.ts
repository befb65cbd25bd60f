import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRateDeckImports1796523721577 implements MigrationInterface {
  name = 'AddRateDeckImports1796523721577';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."rate_deck_format" AS ENUM('csv', 'xlsx')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."rate_deck_import_mode" AS ENUM('replace', 'merge')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."rate_deck_import_status" AS ENUM(
                'queued',
                'validating',
                'applying',
                'completed',
                'rejected',
                'failed'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "rate_deck_imports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "rate_card_id" uuid NOT NULL,
                "format" "public"."rate_deck_format" NOT NULL,
                "mode" "public"."rate_deck_import_mode" NOT NULL,
                "effective_from" TIMESTAMP WITH TIME ZONE NOT NULL,
                "mapping" jsonb NOT NULL,
                "delimiter" text NOT NULL DEFAULT ',',
                "file_name" text NOT NULL,
                "file_size" bigint NOT NULL,
                "file_sha256" character(64) NOT NULL,
                "status" "public"."rate_deck_import_status" NOT NULL,
                "rows_read" integer NOT NULL DEFAULT '0',
                "rows_validated" integer NOT NULL DEFAULT '0',
                "rows_written" integer NOT NULL DEFAULT '0',
                "rows_rejected" integer NOT NULL DEFAULT '0',
                "percent" smallint NOT NULL DEFAULT '0',
                "outcome" jsonb,
                "error" text,
                "requested_by" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "started_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "rate_deck_imports_percent_check" CHECK (
                    "percent" BETWEEN 0 AND 100
                ),
                CONSTRAINT "PK_33285783ee700647fc118684012" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "rate_deck_imports_tenant_id_idx" ON "rate_deck_imports" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "rate_deck_imports_rate_card_id_created_at_idx" ON "rate_deck_imports" ("rate_card_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "rate_deck_import_problems" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "tenant_id" uuid NOT NULL,
                "import_id" uuid NOT NULL,
                "line" integer NOT NULL,
                "field" text NOT NULL,
                "reason" text NOT NULL,
                "value" text,
                CONSTRAINT "PK_a560fc7fd0b7bede3309983e454" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "rate_deck_import_problems_tenant_id_idx" ON "rate_deck_import_problems" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "rate_deck_import_problems_import_id_line_idx" ON "rate_deck_import_problems" ("import_id", "line")
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_deck_imports"
            ADD CONSTRAINT "FK_1e3c5741a8f190069038de48bab" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_deck_imports"
            ADD CONSTRAINT "FK_fb7fe304f49bcb143186f7c9296" FOREIGN KEY ("rate_card_id") REFERENCES "rate_cards"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_deck_import_problems"
            ADD CONSTRAINT "FK_18c6e9919ac164228fba890d84a" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_deck_import_problems"
            ADD CONSTRAINT "FK_3875158715457220e87986c7d4d" FOREIGN KEY ("import_id") REFERENCES "rate_deck_imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "rate_deck_import_problems" DROP CONSTRAINT "FK_3875158715457220e87986c7d4d"
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_deck_import_problems" DROP CONSTRAINT "FK_18c6e9919ac164228fba890d84a"
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_deck_imports" DROP CONSTRAINT "FK_fb7fe304f49bcb143186f7c9296"
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_deck_imports" DROP CONSTRAINT "FK_1e3c5741a8f190069038de48bab"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rate_deck_import_problems_import_id_line_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rate_deck_import_problems_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "rate_deck_import_problems"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rate_deck_imports_rate_card_id_created_at_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rate_deck_imports_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "rate_deck_imports"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."rate_deck_import_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."rate_deck_import_mode"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."rate_deck_format"
        `);
  }
}
