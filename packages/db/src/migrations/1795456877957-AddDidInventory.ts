import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddDidInventory1795456877957 implements MigrationInterface {
  name = 'AddDidInventory1795456877957';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."did_status" AS ENUM(
                'available',
                'reserved',
                'assigned',
                'porting_in',
                'porting_out',
                'quarantined'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."did_route_kind" AS ENUM('line', 'trunk', 'uri')
        `);
    await queryRunner.query(`
            CREATE TABLE "dids" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "number" text COLLATE "C" NOT NULL,
                "country" character(2) NOT NULL,
                "vendor_id" uuid,
                "currency" character(3) NOT NULL,
                "buy_setup_fee" numeric(20, 6) NOT NULL DEFAULT '0',
                "buy_monthly_fee" numeric(20, 6) NOT NULL DEFAULT '0',
                "buy_per_minute" numeric(20, 8) NOT NULL DEFAULT '0',
                "sell_setup_fee" numeric(20, 6) NOT NULL DEFAULT '0',
                "sell_monthly_fee" numeric(20, 6) NOT NULL DEFAULT '0',
                "sell_per_minute" numeric(20, 8) NOT NULL DEFAULT '0',
                "status" "public"."did_status" NOT NULL DEFAULT 'available',
                "account_id" uuid,
                "reserved_until" TIMESTAMP WITH TIME ZONE,
                "quarantined_until" TIMESTAMP WITH TIME ZONE,
                "route_kind" "public"."did_route_kind",
                "route_line_id" uuid,
                "route_service_id" uuid,
                "route_uri" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "dids_route_check" CHECK (
                    ("route_kind" IS NULL)
                    OR (
                        "route_kind" = 'line'
                        AND "route_line_id" IS NOT NULL
                    )
                    OR (
                        "route_kind" = 'trunk'
                        AND "route_service_id" IS NOT NULL
                    )
                    OR (
                        "route_kind" = 'uri'
                        AND "route_uri" IS NOT NULL
                    )
                ),
                CONSTRAINT "dids_account_check" CHECK (
                    (
                        "status" IN (
                            'assigned',
                            'reserved',
                            'porting_in',
                            'porting_out'
                        )
                    ) = ("account_id" IS NOT NULL)
                ),
                CONSTRAINT "dids_fees_check" CHECK (
                    "buy_setup_fee" >= 0
                    AND "buy_monthly_fee" >= 0
                    AND "buy_per_minute" >= 0
                    AND "sell_setup_fee" >= 0
                    AND "sell_monthly_fee" >= 0
                    AND "sell_per_minute" >= 0
                ),
                CONSTRAINT "dids_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
                CONSTRAINT "dids_country_check" CHECK ("country" ~ '^[A-Z]{2}$'),
                CONSTRAINT "dids_number_check" CHECK ("number" ~ '^[1-9][0-9]{5,14}$'),
                CONSTRAINT "PK_c1c702cc02c5a54657fbfc0317a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "dids_account_id_idx" ON "dids" ("account_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "dids_tenant_id_status_idx" ON "dids" ("tenant_id", "status")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "dids_number_key" ON "dids" ("number")
            WHERE "deleted_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."did_event_status" AS ENUM(
                'available',
                'reserved',
                'assigned',
                'porting_in',
                'porting_out',
                'quarantined'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."did_event_to_status" AS ENUM(
                'available',
                'reserved',
                'assigned',
                'porting_in',
                'porting_out',
                'quarantined'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "did_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "did_id" uuid NOT NULL,
                "event" text NOT NULL,
                "from_status" "public"."did_event_status",
                "to_status" "public"."did_event_to_status" NOT NULL,
                "account_id" uuid,
                "actor_user_id" uuid,
                "details" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7223c7dffe1b2e811f971ca29d9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "did_events_did_id_created_at_idx" ON "did_events" ("did_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "dids"
            ADD CONSTRAINT "FK_cff968ea3b88e77121a930ff829" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dids"
            ADD CONSTRAINT "FK_4093be1a22f85849e1d18a7f537" FOREIGN KEY ("vendor_id") REFERENCES "vendors"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dids"
            ADD CONSTRAINT "FK_90499fe6c64466bd547ae98625a" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dids"
            ADD CONSTRAINT "FK_7c50aea14229797438790f46e8f" FOREIGN KEY ("route_line_id") REFERENCES "lines"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dids"
            ADD CONSTRAINT "FK_bf26a0716547adbf3d575c9dcd5" FOREIGN KEY ("route_service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "did_events"
            ADD CONSTRAINT "FK_d6eb85a2dba1216336b51b5af07" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "did_events"
            ADD CONSTRAINT "FK_4c2691f6eb400a564d81fc2f841" FOREIGN KEY ("did_id") REFERENCES "dids"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "did_events" DROP CONSTRAINT "FK_4c2691f6eb400a564d81fc2f841"
        `);
    await queryRunner.query(`
            ALTER TABLE "did_events" DROP CONSTRAINT "FK_d6eb85a2dba1216336b51b5af07"
        `);
    await queryRunner.query(`
            ALTER TABLE "dids" DROP CONSTRAINT "FK_bf26a0716547adbf3d575c9dcd5"
        `);
    await queryRunner.query(`
            ALTER TABLE "dids" DROP CONSTRAINT "FK_7c50aea14229797438790f46e8f"
        `);
    await queryRunner.query(`
            ALTER TABLE "dids" DROP CONSTRAINT "FK_90499fe6c64466bd547ae98625a"
        `);
    await queryRunner.query(`
            ALTER TABLE "dids" DROP CONSTRAINT "FK_4093be1a22f85849e1d18a7f537"
        `);
    await queryRunner.query(`
            ALTER TABLE "dids" DROP CONSTRAINT "FK_cff968ea3b88e77121a930ff829"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."did_events_did_id_created_at_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "did_events"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."did_event_to_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."did_event_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."dids_number_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."dids_tenant_id_status_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."dids_account_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "dids"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."did_route_kind"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."did_status"
        `);
  }
}
