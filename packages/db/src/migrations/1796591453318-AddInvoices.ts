import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddInvoices1796591453318 implements MigrationInterface {
  name = 'AddInvoices1796591453318';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "invoices" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "account_id" uuid NOT NULL,
                "sequence" integer NOT NULL,
                "number" text NOT NULL,
                "month" text NOT NULL,
                "period_start" TIMESTAMP WITH TIME ZONE NOT NULL,
                "period_end" TIMESTAMP WITH TIME ZONE NOT NULL,
                "timezone" text NOT NULL,
                "currency" character(3) NOT NULL,
                "account_code" text NOT NULL,
                "account_name" text NOT NULL,
                "issuer_name" text NOT NULL,
                "issuer_email" text,
                "opening_balance" numeric(20, 6) NOT NULL,
                "closing_balance" numeric(20, 6) NOT NULL,
                "subtotal" numeric(20, 6) NOT NULL,
                "tax_rate" numeric(7, 4) NOT NULL,
                "tax" numeric(20, 6) NOT NULL,
                "total" numeric(20, 6) NOT NULL,
                "payments" numeric(20, 6) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "invoices_tax_rate_check" CHECK (
                    "tax_rate" >= 0
                    AND "tax_rate" <= 100
                ),
                CONSTRAINT "invoices_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
                CONSTRAINT "invoices_month_check" CHECK ("month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
                CONSTRAINT "PK_668cef7c22a427fd822cc1be3ce" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "invoices_tenant_id_idx" ON "invoices" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "invoices_tenant_id_sequence_key" ON "invoices" ("tenant_id", "sequence")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "invoices_account_id_month_key" ON "invoices" ("account_id", "month")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."invoice_line_kind" AS ENUM(
                'calls',
                'recurring_fee',
                'did_fee',
                'adjustment',
                'refund',
                'payment'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "invoice_lines" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "invoice_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "kind" "public"."invoice_line_kind" NOT NULL,
                "description" text NOT NULL,
                "calls" integer,
                "billed_seconds" bigint,
                "amount" numeric(20, 6) NOT NULL,
                CONSTRAINT "PK_3d18eb48142b916f581f0c21a65" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "invoice_lines_invoice_id_position_key" ON "invoice_lines" ("invoice_id", "position")
        `);
    await queryRunner.query(`
            CREATE TABLE "invoice_sequences" (
                "tenant_id" uuid NOT NULL,
                "last_number" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_4df64aff5e1fdab86c64f7fb978" PRIMARY KEY ("tenant_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "tenant_settings"
            ADD "tax_rate" numeric(7, 4) NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "tenant_settings"
            ADD CONSTRAINT "tenant_settings_tax_rate_check" CHECK (
                    "tax_rate" >= 0
                    AND "tax_rate" <= 100
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "invoices"
            ADD CONSTRAINT "FK_440f531f452dcc4389d201b9d4b" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "invoices"
            ADD CONSTRAINT "FK_0be7d62c458b5f7c226f3df2cad" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_lines"
            ADD CONSTRAINT "FK_2da95dc86a54a00ff20ce46d0fe" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_sequences"
            ADD CONSTRAINT "FK_4df64aff5e1fdab86c64f7fb978" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "invoice_sequences" DROP CONSTRAINT "FK_4df64aff5e1fdab86c64f7fb978"
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_lines" DROP CONSTRAINT "FK_2da95dc86a54a00ff20ce46d0fe"
        `);
    await queryRunner.query(`
            ALTER TABLE "invoices" DROP CONSTRAINT "FK_0be7d62c458b5f7c226f3df2cad"
        `);
    await queryRunner.query(`
            ALTER TABLE "invoices" DROP CONSTRAINT "FK_440f531f452dcc4389d201b9d4b"
        `);
    await queryRunner.query(`
            ALTER TABLE "tenant_settings" DROP CONSTRAINT "tenant_settings_tax_rate_check"
        `);
    await queryRunner.query(`
            ALTER TABLE "tenant_settings" DROP COLUMN "tax_rate"
        `);
    await queryRunner.query(`
            DROP TABLE "invoice_sequences"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."invoice_lines_invoice_id_position_key"
        `);
    await queryRunner.query(`
            DROP TABLE "invoice_lines"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."invoice_line_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."invoices_account_id_month_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."invoices_tenant_id_sequence_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."invoices_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "invoices"
        `);
  }
}
