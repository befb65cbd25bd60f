import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddWebhooks1796523706678 implements MigrationInterface {
  name = 'AddWebhooks1796523706678';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."webhook_event_type" AS ENUM('call.shutdown')
        `);
    await queryRunner.query(`
            CREATE TABLE "webhook_endpoints" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "url" text NOT NULL,
                "description" text,
                "events" "public"."webhook_event_type" array NOT NULL,
                "signing_secret" text NOT NULL,
                "enabled" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "webhook_endpoints_tenant_id_idx" ON "webhook_endpoints" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."webhook_delivery_status" AS ENUM('pending', 'delivered', 'failed')
        `);
    await queryRunner.query(`
            CREATE TABLE "webhook_deliveries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "endpoint_id" uuid NOT NULL,
                "event_type" "public"."webhook_event_type" NOT NULL,
                "event_key" text NOT NULL,
                "payload" jsonb NOT NULL,
                "status" "public"."webhook_delivery_status" NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_status_code" integer,
                "last_error" text,
                "delivered_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "webhook_deliveries_endpoint_id_created_at_idx" ON "webhook_deliveries" ("endpoint_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "webhook_deliveries_event_key_idx" ON "webhook_deliveries" ("event_key")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "webhook_deliveries_endpoint_id_event_key_key" ON "webhook_deliveries" ("endpoint_id", "event_key")
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_endpoints"
            ADD CONSTRAINT "FK_54847f2dacee9618585993f1474" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_deliveries"
            ADD CONSTRAINT "FK_dd2bc3de0e4a0329a4ef30600b4" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_deliveries"
            ADD CONSTRAINT "FK_0b882c26a9b91c26e6e86b4867c" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_0b882c26a9b91c26e6e86b4867c"
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_dd2bc3de0e4a0329a4ef30600b4"
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "FK_54847f2dacee9618585993f1474"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."webhook_deliveries_endpoint_id_event_key_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."webhook_deliveries_endpoint_id_created_at_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."webhook_deliveries_event_key_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "webhook_deliveries"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."webhook_delivery_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."webhook_endpoints_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "webhook_endpoints"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."webhook_event_type"
        `);
  }
}
