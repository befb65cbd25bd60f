import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPortingRequests1796523841973 implements MigrationInterface {
  name = 'AddPortingRequests1796523841973';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."porting_direction" AS ENUM('port_in', 'port_out')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."porting_status" AS ENUM(
                'draft',
                'submitted',
                'accepted',
                'completed',
                'rejected',
                'cancelled'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "porting_requests" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "account_id" uuid NOT NULL,
                "direction" "public"."porting_direction" NOT NULL,
                "status" "public"."porting_status" NOT NULL DEFAULT 'draft',
                "numbers" text array COLLATE "C" NOT NULL,
                "country" character(2) NOT NULL,
                "losing_carrier" text NOT NULL,
                "gaining_carrier" text NOT NULL,
                "requested_date" date,
                "scheduled_at" TIMESTAMP WITH TIME ZONE,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "notes" text,
                "rejection_reason" text,
                "created_by_user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "porting_requests_scheduled_check" CHECK (
                    "status" NOT IN ('accepted', 'completed')
                    OR "scheduled_at" IS NOT NULL
                ),
                CONSTRAINT "porting_requests_country_check" CHECK ("country" ~ '^[A-Z]{2}$'),
                CONSTRAINT "porting_requests_numbers_check" CHECK (
                    cardinality("numbers") BETWEEN 1 AND 1000
                ),
                CONSTRAINT "PK_e2c646eb45d002fd84acbb0d16a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "porting_requests_account_id_idx" ON "porting_requests" ("account_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "porting_requests_tenant_id_status_idx" ON "porting_requests" ("tenant_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "porting_documents" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "request_id" uuid NOT NULL,
                "file_name" text NOT NULL,
                "content_type" text NOT NULL,
                "size_bytes" integer NOT NULL,
                "sha256" character(64) NOT NULL,
                "storage_key" text NOT NULL,
                "uploaded_by_user_id" uuid,
                "uploaded_by_api_key_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "porting_documents_size_check" CHECK ("size_bytes" > 0),
                CONSTRAINT "PK_b8a00ca419c425b4b3ec9a6c93e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "porting_documents_request_id_idx" ON "porting_documents" ("request_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."porting_event_from_status" AS ENUM(
                'draft',
                'submitted',
                'accepted',
                'completed',
                'rejected',
                'cancelled'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."porting_event_to_status" AS ENUM(
                'draft',
                'submitted',
                'accepted',
                'completed',
                'rejected',
                'cancelled'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "porting_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "request_id" uuid NOT NULL,
                "event" text NOT NULL,
                "from_status" "public"."porting_event_from_status",
                "to_status" "public"."porting_event_to_status" NOT NULL,
                "actor_user_id" uuid,
                "note" text,
                "details" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a88158dc4ea1c502b476a02626f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "porting_events_request_id_created_at_idx" ON "porting_events" ("request_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "porting_requests"
            ADD CONSTRAINT "FK_e6cddea012522152f438015038e" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "porting_requests"
            ADD CONSTRAINT "FK_fc456fc949ec47d40a1d96754ed" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "porting_requests"
            ADD CONSTRAINT "FK_e9524070bdc5984f9fe7b59beeb" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "porting_documents"
            ADD CONSTRAINT "FK_6b396eb8b9690b5218df1d8aa79" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "porting_documents"
            ADD CONSTRAINT "FK_b8261b1f8e14c8dcf35a99847ad" FOREIGN KEY ("request_id") REFERENCES "porting_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "porting_events"
            ADD CONSTRAINT "FK_b9af495e777fdffbcd2fcd959dd" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "porting_events"
            ADD CONSTRAINT "FK_54abc57090329603dec42b31e24" FOREIGN KEY ("request_id") REFERENCES "porting_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "porting_events" DROP CONSTRAINT "FK_54abc57090329603dec42b31e24"
        `);
    await queryRunner.query(`
            ALTER TABLE "porting_events" DROP CONSTRAINT "FK_b9af495e777fdffbcd2fcd959dd"
        `);
    await queryRunner.query(`
            ALTER TABLE "porting_documents" DROP CONSTRAINT "FK_b8261b1f8e14c8dcf35a99847ad"
        `);
    await queryRunner.query(`
            ALTER TABLE "porting_documents" DROP CONSTRAINT "FK_6b396eb8b9690b5218df1d8aa79"
        `);
    await queryRunner.query(`
            ALTER TABLE "porting_requests" DROP CONSTRAINT "FK_e9524070bdc5984f9fe7b59beeb"
        `);
    await queryRunner.query(`
            ALTER TABLE "porting_requests" DROP CONSTRAINT "FK_fc456fc949ec47d40a1d96754ed"
        `);
    await queryRunner.query(`
            ALTER TABLE "porting_requests" DROP CONSTRAINT "FK_e6cddea012522152f438015038e"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."porting_events_request_id_created_at_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "porting_events"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."porting_event_to_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."porting_event_from_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."porting_documents_request_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "porting_documents"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."porting_requests_tenant_id_status_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."porting_requests_account_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "porting_requests"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."porting_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."porting_direction"
        `);
  }
}
