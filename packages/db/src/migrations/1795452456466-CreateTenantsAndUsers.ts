import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTenantsAndUsers1795452456466 implements MigrationInterface {
  name = 'CreateTenantsAndUsers1795452456466';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."tenant_kind" AS ENUM('owner', 'reseller')
        `);
    await queryRunner.query(`
            CREATE TABLE "tenants" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" "public"."tenant_kind" NOT NULL,
                "parent_id" uuid,
                "path" text COLLATE "C" NOT NULL,
                "name" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "tenants_path_idx" ON "tenants" ("path")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."user_role" AS ENUM('admin', 'billing', 'read_only')
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "email" text NOT NULL,
                "display_name" text NOT NULL,
                "password_hash" text NOT NULL,
                "role" "public"."user_role" NOT NULL,
                "active" boolean NOT NULL DEFAULT true,
                "last_login_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "users_tenant_id_idx" ON "users" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "users_email_key" ON "users" ("email")
        `);
    await queryRunner.query(`
            ALTER TABLE "tenants"
            ADD CONSTRAINT "FK_bb2a90ed37750405dd793f3d7ff" FOREIGN KEY ("parent_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_109638590074998bb72a2f2cf08" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_109638590074998bb72a2f2cf08"
        `);
    await queryRunner.query(`
            ALTER TABLE "tenants" DROP CONSTRAINT "FK_bb2a90ed37750405dd793f3d7ff"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."users_email_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."users_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."user_role"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."tenants_path_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "tenants"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."tenant_kind"
        `);
  }
}
