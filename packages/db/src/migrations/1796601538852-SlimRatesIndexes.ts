import { MigrationInterface, QueryRunner } from 'typeorm';

export class SlimRatesIndexes1796601538852 implements MigrationInterface {
  name = 'SlimRatesIndexes1796601538852';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "rates" DROP CONSTRAINT "FK_67daf85c7c961416ad9ecc8f552"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rates_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rates_rate_card_id_period_id_prefix_effective_from_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rates_rate_card_id_prefix_effective_from_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rates_rate_card_id_prefix_idx"
        `);
    // Not generated (TypeORM 0.3 cannot express NULLS NOT DISTINCT, and does not compare checks):
    // one unique index in place of the three dropped above, and the prefix check without a regex.
    await queryRunner.query(`
            CREATE UNIQUE INDEX "rates_rate_card_id_prefix_period_id_effective_from_key" ON "rates" (
                "rate_card_id",
                "prefix",
                "period_id",
                "effective_from"
            ) NULLS NOT DISTINCT
        `);
    await queryRunner.query(`
            ALTER TABLE "rates" DROP CONSTRAINT "rates_prefix_check"
        `);
    await queryRunner.query(`
            ALTER TABLE "rates"
            ADD CONSTRAINT "rates_prefix_check" CHECK (length("prefix") <= 15 AND ltrim("prefix", '0123456789') = '')
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "rates" DROP CONSTRAINT "rates_prefix_check"
        `);
    await queryRunner.query(`
            ALTER TABLE "rates"
            ADD CONSTRAINT "rates_prefix_check" CHECK ("prefix" ~ '^[0-9]{0,15}$')
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rates_rate_card_id_prefix_period_id_effective_from_key"
        `);
    await queryRunner.query(`
            CREATE INDEX "rates_rate_card_id_prefix_idx" ON "rates" ("rate_card_id", "prefix")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "rates_rate_card_id_prefix_effective_from_key" ON "rates" ("rate_card_id", "prefix", "effective_from")
            WHERE (period_id IS NULL)
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "rates_rate_card_id_period_id_prefix_effective_from_key" ON "rates" (
                "rate_card_id",
                "period_id",
                "prefix",
                "effective_from"
            )
            WHERE (period_id IS NOT NULL)
        `);
    await queryRunner.query(`
            CREATE INDEX "rates_tenant_id_idx" ON "rates" ("tenant_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "rates"
            ADD CONSTRAINT "FK_67daf85c7c961416ad9ecc8f552" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }
}
